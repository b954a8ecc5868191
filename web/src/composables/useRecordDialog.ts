import { ElMessage, ElMessageBox, type FormInstance } from 'element-plus'
import { reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { useApiError } from './useApiError'

export type FormMode = 'create' | 'edit'

/** Someone else saved (or deleted) the record since it was read: the server's 409 stale_version. */
export function isStale(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.code === 'stale_version'
}

/** How a create/edit dialog talks to its module: the API calls and the form ⇄ record mappings. */
export interface RecordDialogOptions<R extends { id: number }, F extends object, N, C> {
  visible: Ref<boolean>
  mode: () => FormMode
  record: () => R | null
  emptyForm: () => F
  formFromRecord: (record: R) => F
  newFromForm: (form: F) => N
  changesFromForm: (original: R, form: F) => C
  api: { get: (id: number) => Promise<R>; create: (body: N) => Promise<R>; update: (id: number, changes: C) => Promise<R> }
  /** i18n keys: the toast after a creation, and the explanation when someone else saved first. */
  createdKey: string
  staleKey: string
  saved: (record: R) => void
  /** The record was reloaded after a conflict (409); the list behind the dialog may refresh. */
  changed: (record: R) => void
  onOpen?: () => void
}

/**
 * The state and the save of a create/edit dialog: the form model filled from the record on every
 * opening, field errors from the server under their fields, and on a stale version (409) an
 * explanation and a reload of the record, so that the user can save again on top of it.
 */
export function useRecordDialog<R extends { id: number }, F extends object, N, C>(
  options: RecordDialogOptions<R, F, N, C>,
) {
  const { t } = useI18n()
  const { fieldErrors, clearFieldErrors, show } = useApiError()
  const form = ref<FormInstance>()
  const model = reactive(options.emptyForm()) as F
  const original = shallowRef<R | null>(null)
  const saving = ref(false)

  watch(options.visible, (open) => {
    if (!open) return
    options.onOpen?.()
    clearFieldErrors()
    original.value = options.record()
    const record = original.value
    Object.assign(model, record ? options.formFromRecord(record) : options.emptyForm())
    form.value?.clearValidate()
  })

  async function reloadAfterConflict(id: number) {
    const fresh = await options.api.get(id)
    original.value = fresh
    Object.assign(model, options.formFromRecord(fresh))
    options.changed(fresh)
  }

  async function submit() {
    clearFieldErrors()
    if (!(await form.value?.validate().catch(() => false))) return
    saving.value = true
    try {
      if (options.mode() === 'create') {
        const record = await options.api.create(options.newFromForm(model))
        ElMessage.success(t(options.createdKey))
        options.saved(record)
      } else if (original.value) {
        const record = await options.api.update(original.value.id, options.changesFromForm(original.value, model))
        ElMessage.success(t('common.saved'))
        options.saved(record)
      }
      options.visible.value = false
    } catch (error) {
      // Other conflicts (a taken code, a role held by someone else) are shown like any error.
      if (isStale(error) && options.mode() === 'edit' && original.value) {
        await ElMessageBox.alert(t(options.staleKey), error.message, { type: 'warning' }).catch(() => undefined)
        await reloadAfterConflict(original.value.id).catch(show)
      } else {
        show(error)
      }
    } finally {
      saving.value = false
    }
  }

  return { form, model, original, saving, fieldErrors, show, submit }
}
