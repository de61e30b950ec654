import { useState } from 'react';

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The running month in UTC, as the server reckons it. */
export const currentMonth = () => new Date().toISOString().slice(0, 7);

/** A report's month, the current one to start with; a cleared or half-typed input is not `valid` and is not asked for. */
export function useMonth() {
  const [month, setMonth] = useState(currentMonth);
  return { month, setMonth, valid: monthPattern.test(month) };
}
