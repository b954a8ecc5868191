import { computed, shallowRef } from 'vue'
import { enterprisesApi, type Industry } from '@/api/enterprises'
import { industryOptions } from '@/views/enterprises/data'

// The industry list and the hazard tags change only with a release: loaded once per session.
const industries = shallowRef<Industry[]>([])
const hazardTags = shallowRef<string[]>([])
let loading: Promise<void> | null = null

export function useEnterpriseCatalog(onError: (error: unknown) => void) {
  function load(): Promise<void> {
    loading ??= Promise.all([enterprisesApi.industries(), enterprisesApi.hazardTags()])
      .then(([industryAnswer, tagAnswer]) => {
        industries.value = industryAnswer.items
        hazardTags.value = tagAnswer.items
      })
      .catch((error: unknown) => {
        loading = null
        onError(error)
      })
    return loading
  }

  const industryNames = computed(() => new Map(industries.value.map((item) => [item.code, item.name])))
  const industryTree = computed(() => industryOptions(industries.value))

  return { industries, hazardTags, industryNames, industryTree, load }
}
