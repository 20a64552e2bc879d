/** The closed lists of member fields (glossary names). */
export const OCCUPATIONS = ['salaried', 'retired', 'annual_salary', 'self_employed', 'farmer', 'student', 'unemployed'] as const;
export const DEVELOPMENT_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export const MEMBER_STATUSES = ['active', 'in_transfer', 'suspended', 'removed'] as const;
