import type { AuditEntry } from '@/api/audit'
import { formatInstant } from '@/utils/format'

type Translate = (key: string) => string

export interface Column {
  prop: keyof AuditEntry
  label: string
  width?: number
  minWidth?: number
  format?: (row: AuditEntry, t: Translate) => string
}

export const auditColumns: Column[] = [
  { prop: 'id', label: 'users.id', width: 80 },
  { prop: 'at', label: 'audit.at', width: 170, format: (row) => formatInstant(row.at) },
  { prop: 'actor_username', label: 'audit.actor', width: 140, format: (row, t) => row.actor_username ?? t('audit.system') },
  { prop: 'action', label: 'audit.action', width: 160 },
  { prop: 'entity', label: 'audit.entity', width: 140 },
  { prop: 'entity_id', label: 'audit.entityId', minWidth: 140 },
]

export interface AuditFilters {
  entity: string
  action: string
  actor: string
  from: string | null
  to: string | null
}

export const emptyFilters: AuditFilters = { entity: '', action: '', actor: '', from: null, to: null }

export function prettyJson(value: unknown): string {
  return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)
}
