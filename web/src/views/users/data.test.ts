import { describe, expect, it } from 'vitest'
import type { User } from '@/api/users'
import { changesFromForm, emptyUserForm, formFromUser, newUserFromForm, validateUserForm } from './data'

const user: User = {
  id: 5,
  username: 'district2',
  name: '临江区应急管理局',
  role: 'bureau',
  region_code: '990103000000',
  enterprise_id: null,
  disabled: false,
  created_at: '2026-11-23T10:00:00Z',
  version: 3,
}

describe('user form', () => {
  it('sends only what changed, with the version', () => {
    const form = formFromUser(user)
    expect(changesFromForm(user, form)).toEqual({ version: 3 })
    form.name = ' 新名字 '
    form.disabled = true
    expect(changesFromForm(user, form)).toEqual({ version: 3, name: '新名字', disabled: true })
  })

  it('clears the region and enterprise when the role no longer has them', () => {
    const form = formFromUser(user)
    form.role = 'expert'
    form.region_code = null
    form.enterprise_id = 9
    expect(changesFromForm(user, form)).toEqual({ version: 3, role: 'expert', region_code: null })
  })

  it('builds a new user', () => {
    const form = { ...emptyUserForm(), username: ' abc ', name: '张三', password: 'abcdefg1', role: 'grid' as const, region_code: '990103010000', enterprise_id: 4 }
    expect(newUserFromForm(form)).toEqual({
      username: 'abc',
      name: '张三',
      password: 'abcdefg1',
      role: 'grid',
      region_code: '990103010000',
      enterprise_id: null,
    })
  })

  it.each([
    ['valid bureau', { username: 'abc', name: 'A', password: 'abcdefg1', role: 'bureau', region_code: '990103000000' }, {}],
    ['bureau without region', { username: 'abc', name: 'A', password: 'abcdefg1', role: 'bureau' }, { region_code: 'validation.regionRequired' }],
    ['enterprise without id', { username: 'abc', name: 'A', password: 'abcdefg1', role: 'enterprise' }, { enterprise_id: 'validation.enterpriseRequired' }],
    ['expert without region', { username: 'abc', name: 'A', password: 'abcdefg1', role: 'expert' }, {}],
    [
      'everything wrong',
      { username: '1x', name: '', password: 'short', role: '' },
      { username: 'validation.username', name: 'validation.name', password: 'validation.password', role: 'validation.role' },
    ],
  ] as const)('%s', (_name, fields, expected) => {
    const form = { ...emptyUserForm(), ...fields }
    expect(validateUserForm(form, 'create', ['admin', 'bureau', 'station', 'grid', 'enterprise', 'expert'])).toEqual(expected)
  })

  it('does not check username or password when editing', () => {
    const form = { ...formFromUser(user), username: 'X' }
    expect(validateUserForm(form, 'edit', ['bureau'])).toEqual({})
  })
})
