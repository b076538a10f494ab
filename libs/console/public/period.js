// Date inputs (local days) to the API's instants: `from` at the start of its day, `to` at the end of its day
// (sent as the start of the next day, since the API's `to` is exclusive).

export function startOfDay(date) {
  return date ? new Date(`${date}T00:00:00`).toISOString() : '';
}

export function endOfDay(date) {
  if (!date) return '';
  const next = new Date(`${date}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}

/** yyyy-mm-dd of a Date in local time, for an <input type="date">. */
export function dayOf(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
