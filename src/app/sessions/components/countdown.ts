/** "4:32 left", "1:04:32 left": what remains until `deadline`, to the second. */
export function countdown(deadline: number, now: number): string {
  const total = Math.floor((deadline - now) / 1000);
  if (total <= 0) return 'time is up';
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds} left`
    : `${minutes}:${seconds} left`;
}
