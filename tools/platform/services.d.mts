export const root: string;
export const SERVICES: { name: string; main: string; migrations: string; migrate: string; seed: string }[];
