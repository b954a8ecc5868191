import { shallowRef } from 'vue'
import { scoringApi, type ScoringSettings } from '@/api/scoring'

// The scoring settings (the cycle's start day, the thresholds), read once per session by whichever
// page needs them first and replaced when an administrator saves new ones.
const settings = shallowRef<ScoringSettings | null>(null)
let loading: Promise<ScoringSettings | null> | null = null

export function useScoringSettings(onError?: (error: unknown) => void) {
  function load(): Promise<ScoringSettings | null> {
    if (settings.value) return Promise.resolve(settings.value)
    loading ??= scoringApi
      .settings()
      .then((value) => {
        settings.value = value
        return value
      })
      .catch((error: unknown) => {
        onError?.(error)
        return null
      })
      .finally(() => {
        loading = null
      })
    return loading
  }

  function replace(value: ScoringSettings) {
    settings.value = value
  }

  return { settings, load, replace }
}
