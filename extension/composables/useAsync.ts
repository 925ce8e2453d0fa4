import { ref, shallowRef } from 'vue';
import { toFriendlyError, type FriendlyError } from '@/utils/shared/errors';

/** Loading + friendly error state around one async action. */
export function useAsync() {
  const loading = ref(false);
  const error = shallowRef<FriendlyError | null>(null);

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    loading.value = true;
    error.value = null;
    try {
      return await action();
    } catch (err) {
      error.value = toFriendlyError(err);
      return undefined;
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, run };
}
