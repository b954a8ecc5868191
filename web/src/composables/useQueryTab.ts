import { ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { tabOf } from '@/utils/tabs'

/**
 * A page's open tab, kept in the address (?tab=) so that going back or reloading returns to it;
 * a tab the user does not have opens the first.
 */
export function useQueryTab<T extends string>(tabs: () => readonly T[]): Ref<T> {
  const route = useRoute()
  const router = useRouter()
  const tab = ref(tabOf(route.query.tab, tabs())) as Ref<T>

  watch(tab, (value) => {
    if (route.query.tab === value) return
    void router.replace({ query: { ...route.query, tab: value } })
  })
  watch(
    () => route.query.tab,
    (wanted) => {
      tab.value = tabOf(wanted, tabs())
    },
  )
  return tab
}
