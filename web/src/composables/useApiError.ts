import { ElMessage } from 'element-plus'
import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'

/**
 * Shows a failed call to the user: the server's (already localized) message as a toast, and,
 * when the server named a field, beside that field of the form.
 */
export function useApiError() {
  const { t } = useI18n()
  const fieldErrors = reactive<Record<string, string>>({})

  function clearFieldErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  function messageOf(error: unknown): string {
    if (error instanceof ApiError) return error.status === 0 ? t('common.networkError') : error.message
    return error instanceof Error ? error.message : String(error)
  }

  function show(error: unknown) {
    if (error instanceof ApiError && error.field) fieldErrors[error.field] = error.message
    ElMessage.error(messageOf(error))
  }

  return { fieldErrors, clearFieldErrors, messageOf, show }
}
