import type { Computation } from '../core/model.js'
import type { Dict } from '../i18n/index.js'

type Item5Computation = Exclude<Computation, { kind: 'share' } | { kind: 'annual-grade' }>

/** The parameters of an item-5 finding's text: the categories and findings named concretely. */
export const item5Params = (c: Item5Computation, d: Dict): Record<string, string | number> => {
  switch (c.kind) {
    case 'report-presence':
      return { required: c.required ? 1 : 0 }
    case 'report-categories':
      return { categories: d.list(c.unanswered.map((u) => d.category(u))), required: c.required, answered: c.answered }
    case 'report-date':
      return { date: c.date, deadline: c.deadline }
    case 'findings':
      return { findings: d.list(c.findings.map((f) => d.findingText(f))), count: c.findings.length, total: c.total }
    case 'duty-statement':
      return {}
  }
}
