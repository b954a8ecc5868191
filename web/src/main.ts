import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { configureHttp } from './api/http'
import { currentLocale, i18n } from './locales'
import { router } from './router'
import { useSessionStore } from './stores/session'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(ElementPlus)

const session = useSessionStore(pinia)
configureHttp({
  csrfToken: () => session.csrfToken,
  locale: () => currentLocale(),
  unauthorized: () => {
    // The session ended on the server (expired, or logged out elsewhere): start again at login.
    session.clear()
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      void router.push({ path: '/login', query: current.fullPath === '/' ? {} : { redirect: current.fullPath } })
    }
  },
})

app.use(router)
document.documentElement.lang = currentLocale()
app.mount('#app')
