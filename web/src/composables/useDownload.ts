import { ref } from 'vue'
import type { Download } from '@/api/http'
import { useApiError } from './useApiError'

/** Hands a file to the browser's downloads: a temporary link with a `download` name, clicked once. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The download has started by now; revoking later rather than at once keeps old browsers happy.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * Downloads a file the server builds (an export, a template) with the session and the page's
 * language, showing a failure like any other error; `downloading` drives the button's spinner.
 */
export function useDownload() {
  const { show } = useApiError()
  const downloading = ref(false)

  async function run(fetchFile: () => Promise<Download>, fallbackName: string): Promise<boolean> {
    if (downloading.value) return false
    downloading.value = true
    try {
      const file = await fetchFile()
      saveBlob(file.blob, file.filename ?? fallbackName)
      return true
    } catch (error) {
      show(error)
      return false
    } finally {
      downloading.value = false
    }
  }

  return { downloading, run }
}
