// Records the organisations area's tests build on.
export function organisation(id: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    name: `Organisation ${id}`,
    name_local: '',
    name_kana: '',
    short_name: '',
    kind: 'biotech',
    country: 'DE',
    region: null,
    city: '',
    website: '',
    email: '',
    phone: '',
    employees: null,
    sme: false,
    focus_areas: [],
    description: {},
    archived: false,
    identifiers: { corporate_number: '', commercial_register: null, vat_id: '', lei: '', ror_id: '' },
    external_ids: {},
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...fields,
  };
}
