import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { authApi, type SessionUser } from '@/api/auth'
import { ApiError } from '@/api/http'

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null)
  const csrfToken = ref<string | null>(null)
  /** Whether the start-up probe of GET /me has answered. */
  const restored = ref(false)
  let restoring: Promise<void> | null = null

  const role = computed(() => user.value?.role ?? null)
  const signedIn = computed(() => user.value !== null)

  function set(next: SessionUser, csrf: string) {
    user.value = next
    csrfToken.value = csrf
    restored.value = true
  }

  function clear() {
    user.value = null
    csrfToken.value = null
  }

  /** Restores a session after a reload from the cookie; only the first call asks the server. */
  function restore(): Promise<void> {
    if (restored.value) return Promise.resolve()
    restoring ??= authApi
      .me()
      .then((answer) => set(answer.user, answer.csrf_token))
      .catch((error: unknown) => {
        // Not signed in is the expected answer; anything else still lets the login page show.
        if (!(error instanceof ApiError)) throw error
        clear()
      })
      .finally(() => {
        restored.value = true
        restoring = null
      })
    return restoring
  }

  async function login(username: string, password: string) {
    const answer = await authApi.login({ username, password })
    set(answer.user, answer.csrf_token)
  }

  async function logout() {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  return { user, csrfToken, restored, role, signedIn, set, clear, restore, login, logout }
})
