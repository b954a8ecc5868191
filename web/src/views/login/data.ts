import type { FormRules } from 'element-plus'

export interface LoginForm {
  username: string
  password: string
}

export function loginRules(t: (key: string) => string): FormRules<LoginForm> {
  return {
    username: [{ required: true, message: t('login.usernameRequired'), trigger: 'blur' }],
    password: [{ required: true, message: t('login.passwordRequired'), trigger: 'blur' }],
  }
}
