import { reactive } from 'vue'
import { regionsApi } from '@/api/regions'

// Names of regions seen so far, shared by every page: a code is asked for once per session.
const names = reactive(new Map<string, string>())
const pending = new Map<string, Promise<void>>()

/** Region names for codes that come without one (an enterprise carries only its region code). */
export function useRegionNames() {
  function fetchName(code: string): Promise<void> {
    let call = pending.get(code)
    if (!call) {
      call = regionsApi
        .get(code)
        .then((region) => {
          names.set(code, region.name)
        })
        .catch(() => {
          // Unknown or out of scope: the code is shown as itself.
          pending.delete(code)
        })
      pending.set(code, call)
    }
    return call
  }

  async function ensure(codes: Iterable<string>): Promise<void> {
    const wanted = [...new Set(codes)].filter((code) => code && !names.has(code))
    await Promise.all(wanted.map(fetchName))
  }

  function nameOf(code: string): string {
    return names.get(code) ?? ''
  }

  return { ensure, nameOf }
}
