export type Theme = 'Organizational' | 'People' | 'Physical' | 'Technological';
