import { shallowRef } from 'vue'
import { creditApi, type CreditRule, type CreditSettings } from '@/api/credit'

// The credit settings (weights, cut-offs, terms) and rules, read once per session by whichever page
// needs them first and replaced when an administrator saves new ones.
const settings = shallowRef<CreditSettings | null>(null)
const rules = shallowRef<CreditRule[]>([])
let loading: Promise<void> | null = null

export function useCreditSettings(onError?: (error: unknown) => void) {
  function load(): Promise<void> {
    if (settings.value) return Promise.resolve()
    loading ??= Promise.all([creditApi.settings(), creditApi.rules()])
      .then(([settingsAnswer, rulesAnswer]) => {
        settings.value = settingsAnswer
        rules.value = rulesAnswer.items
      })
      .catch((error: unknown) => {
        onError?.(error)
      })
      .finally(() => {
        loading = null
      })
    return loading
  }

  function replaceSettings(value: CreditSettings) {
    settings.value = value
  }

  function replaceRule(value: CreditRule) {
    rules.value = rules.value.map((rule) => (rule.code === value.code ? value : rule))
  }

  return { settings, rules, load, replaceSettings, replaceRule }
}
