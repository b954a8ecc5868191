import type { ExpiringCertificate, ExpiryState } from '@/api/people'

type Translate = (key: string, named?: Record<string, unknown>) => string

export interface CertificateFilters {
  state: ExpiryState
  /** For expiring certificates: how many days ahead to look (the server takes 0–366). */
  within_days: number | null
  region_code: string | null
}

export const DEFAULT_WITHIN_DAYS = 30
export const WITHIN_DAY_CHOICES = [7, 15, 30, 60, 90] as const

export const emptyFilters: CertificateFilters = { state: 'expiring', within_days: DEFAULT_WITHIN_DAYS, region_code: null }

/** The query of a page: an expired list ignores the window. */
export function certificateQuery(filters: CertificateFilters) {
  return {
    state: filters.state,
    within_days: filters.state === 'expiring' ? (filters.within_days ?? DEFAULT_WITHIN_DAYS) : null,
    region_code: filters.region_code,
  }
}

export interface CertificateColumn {
  key: string
  /** i18n key of the header. */
  label: string
  width?: number
  minWidth?: number
  format: (row: ExpiringCertificate, t: Translate) => string
}

/** Plain text columns; the enterprise (a link) and the state (a tag) are drawn by the page. */
export const certificateColumns: CertificateColumn[] = [
  { key: 'person', label: 'people.name', minWidth: 90, format: (row) => row.name },
  { key: 'role', label: 'people.role', width: 130, format: (row, t) => t(`people.roles.${row.role}`) },
  { key: 'phone', label: 'people.phone', width: 130, format: (row) => row.phone },
  { key: 'number', label: 'people.certificateNumber', minWidth: 120, format: (row) => row.certificate_number ?? '' },
  {
    key: 'kind',
    label: 'people.certificateKind',
    minWidth: 150,
    format: (row, t) => (row.certificate_kind ? t(`people.kinds.${row.certificate_kind}`) : ''),
  },
  { key: 'expiry', label: 'people.certificateExpiry', width: 110, format: (row) => row.certificate_expiry ?? '' },
]
