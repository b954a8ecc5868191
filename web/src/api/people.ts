import { http, request, type Page, type PageQuery } from './http'

export const PERSON_ROLES = ['principal', 'chief_safety_officer', 'safety_manager', 'safety_engineer'] as const
/** 主要负责人, 首席安全官, 安全管理人员, 注册安全工程师. */
export type PersonRole = (typeof PERSON_ROLES)[number]

export const CERTIFICATE_KINDS = [
  'principal_training',
  'manager_training',
  'registered_engineer',
  'special_operation',
  'other',
] as const
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number]

export const CERTIFICATE_STATES = ['missing', 'valid', 'expiring', 'expired'] as const
/** Judged by the server on today's date (China time); expiring means within 30 days. */
export type CertificateState = (typeof CERTIFICATE_STATES)[number]

export interface KeyPerson {
  id: number
  enterprise_id: number
  role: PersonRole
  name: string
  position: string
  phone: string
  certificate_number: string | null
  certificate_kind: CertificateKind | null
  /** YYYY-MM-DD */
  certificate_issued: string | null
  /** YYYY-MM-DD */
  certificate_expiry: string | null
  certificate_state: CertificateState
  /** Days from today to the expiry, negative once expired; null without a certificate. */
  certificate_days_left: number | null
  /** Principals and safety managers must hold a valid certificate, and this one does not. */
  lacks_required_certificate: boolean
  created_at: string
  updated_at: string
  version: number
}

/** What POST /enterprises/{id}/people takes. */
export interface NewKeyPerson {
  role: PersonRole
  name: string
  position: string
  phone: string
  certificate_number: string | null
  certificate_kind: CertificateKind | null
  certificate_issued: string | null
  certificate_expiry: string | null
}

/** A PATCH carries the version it was based on and only the fields that changed. */
export type KeyPersonChanges = Partial<NewKeyPerson> & { version: number }

export interface ExpiringCertificate extends KeyPerson {
  enterprise: { id: number; name: string; uscc: string; region_code: string }
}

export const EXPIRY_STATES = ['expiring', 'expired'] as const
export type ExpiryState = (typeof EXPIRY_STATES)[number]

export interface ExpiringQuery extends PageQuery {
  state?: ExpiryState
  /** For `expiring`: certificates ending from today up to this many days ahead (0–366). */
  within_days?: number | null
  region_code?: string | null
}

export const peopleApi = {
  list: (enterpriseId: number) => http.get<{ items: KeyPerson[] }>(`/enterprises/${enterpriseId}/people`),
  create: (enterpriseId: number, person: NewKeyPerson) =>
    http.post<KeyPerson>(`/enterprises/${enterpriseId}/people`, person),
  update: (enterpriseId: number, id: number, changes: KeyPersonChanges) =>
    http.patch<KeyPerson>(`/enterprises/${enterpriseId}/people/${id}`, changes),
  // A DELETE carries no body: the version goes in the query.
  remove: (enterpriseId: number, id: number, version: number) =>
    request<void>('DELETE', `/enterprises/${enterpriseId}/people/${id}`, { query: { version } }),
  expiring: (query: ExpiringQuery) => http.get<Page<ExpiringCertificate>>('/certificates/expiring', { ...query }),
}
