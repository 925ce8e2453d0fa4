import { describe, expect, it } from 'vitest';
import { TranslatorPool, type PoolTimers } from '../../../utils/ondevice/translator-pool';
import { FakeTranslator } from './fakes';

/** Timers fired by hand: idleness is a state here, not a wait. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: PoolTimers = {
    setTimeout: (fn) => (pending.set(++next, fn), next),
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const fireAll = () => [...pending.values()].forEach((fn) => fn());
  return { timers, fireAll, pending };
}

describe('TranslatorPool', () => {
  it('creates nothing until a pair is used, then one translator per pair', async () => {
    const fake = new FakeTranslator({ 'es>en': 'available', 'de>en': 'available' });
    const pool = new TranslatorPool(fake, 1000, manualTimers().timers);
    expect(fake.instances).toHaveLength(0);
    await Promise.all(['hola', 'que tal', 'guapa'].map((t) => pool.translate(t, 'es', 'en')));
    await pool.translate('danke', 'de', 'en');
    expect(fake.instances.map((i) => i.options.sourceLanguage)).toEqual(['es', 'de']);
    expect(await pool.translate('hola', 'es', 'en')).toBe('[en] hola');
    expect(fake.instances).toHaveLength(2);
  });

  it('destroys a translator once it has been idle', async () => {
    const fake = new FakeTranslator({ 'es>en': 'available' });
    const { timers, fireAll } = manualTimers();
    const pool = new TranslatorPool(fake, 1000, timers);
    await pool.translate('hola', 'es', 'en');
    fireAll();
    expect(fake.instances[0]?.destroyed).toBe(true);
    expect(pool.pairs).toEqual([]);
    await pool.translate('hola', 'es', 'en'); // a fresh one after idling
    expect(fake.instances).toHaveLength(2);
  });

  it('never starts a download: a downloadable or unsupported pair answers null', async () => {
    const fake = new FakeTranslator({ 'es>en': 'downloadable' });
    const pool = new TranslatorPool(fake, 1000, manualTimers().timers);
    expect(await pool.translate('hola', 'es', 'en')).toBeNull();
    expect(await pool.translate('bonjour', 'fr', 'en')).toBeNull();
    expect(fake.instances).toHaveLength(0);
    expect(fake.models.get('es>en')?.state).toBe('downloadable');
  });

  it('destroyAll frees every pair', async () => {
    const fake = new FakeTranslator({ 'es>en': 'available', 'fr>en': 'available' });
    const pool = new TranslatorPool(fake, 1000, manualTimers().timers);
    await pool.translate('hola', 'es', 'en');
    await pool.translate('merci', 'fr', 'en');
    pool.destroyAll();
    expect(fake.instances.every((i) => i.destroyed)).toBe(true);
  });
});
