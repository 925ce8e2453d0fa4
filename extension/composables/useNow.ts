import { onScopeDispose, ref, type Ref } from 'vue';

/** A clock that ticks every `intervalMs`, for relative ages ("12s ago"). */
export function useNow(intervalMs = 1_000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
