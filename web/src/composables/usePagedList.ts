import { reactive, ref, shallowRef, type Ref } from 'vue'
import type { Page, PageQuery } from '@/api/http'
import { useApiError } from './useApiError'

/** What the shared pager (components/ListPager.vue) needs of a list. */
export interface PagedList {
  paging: { page: number; page_size: number }
  total: Ref<number>
  load: () => Promise<void>
  search: () => Promise<void>
}

/** Paging state for a list page: current page, page size, total and the rows of the page. */
export function usePagedList<T, F extends object>(
  fetchPage: (query: PageQuery & F) => Promise<Page<T>>,
  initialFilters: F,
  pageSize = 20,
) {
  const rows = shallowRef<T[]>([])
  const total = ref(0)
  const loading = ref(false)
  const paging = reactive({ page: 1, page_size: pageSize })
  const filters = reactive({ ...initialFilters }) as F
  const { show } = useApiError()

  async function load() {
    loading.value = true
    try {
      const answer = await fetchPage({ ...(filters as F), page: paging.page, page_size: paging.page_size })
      rows.value = answer.items
      total.value = answer.total
    } catch (error) {
      show(error)
    } finally {
      loading.value = false
    }
  }

  function search() {
    paging.page = 1
    return load()
  }

  function reset() {
    Object.assign(filters, initialFilters)
    return search()
  }

  return { rows, total, loading, paging, filters, load, search, reset }
}
