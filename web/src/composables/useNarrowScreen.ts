import { readonly, ref } from 'vue'

/** Phones and small tablets in portrait: the side menu becomes a drawer and forms stack. */
export const NARROW_QUERY = '(max-width: 768px)'

// One listener for the whole app: every page asks the same question.
const narrow = ref(false)
let watching = false

function watchViewport() {
  if (watching || typeof window === 'undefined' || !window.matchMedia) return
  watching = true
  const query = window.matchMedia(NARROW_QUERY)
  narrow.value = query.matches
  query.addEventListener('change', (event) => {
    narrow.value = event.matches
  })
}

/** Whether the screen is phone-sized; follows rotation and window resizing. */
export function useNarrowScreen() {
  watchViewport()
  return readonly(narrow)
}
