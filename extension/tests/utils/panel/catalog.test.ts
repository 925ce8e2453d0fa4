/** The server's tables reach the extension only through the generated CATALOG: no hand copy may come back. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QUOTAS, quotaOf } from '@/utils/panel/quota';
import { LANGUAGES, LENGTHS, SOCIAL_NETWORKS, TONES, writeLimit } from '@/utils/panel/write-kinds';
import { ApiError, toFriendlyError } from '@/utils/shared/errors';
import { isRoomName } from '@/utils/shared/room-name';
import { CATALOG } from '@/utils/shared/wire';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SKIP_DIRS = new Set(['node_modules', '.output', '.wxt', 'tests']);
const GENERATED = 'utils/shared/wire.ts';

function sourceFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return /\.(ts|vue)$/.test(entry.name) && relative(ROOT, path) !== GENERATED ? [path] : [];
  });
}

/** Innermost `[...]` literals that quote every member of `list`. */
function literalCopies(source: string, list: readonly string[]): string[] {
  return [...source.matchAll(/\[[^[\]]*\]/g)]
    .map((m) => m[0])
    .filter((literal) => {
      const quoted = new Set([...literal.matchAll(/['"`]([^'"`\n]+)['"`]/g)].map((q) => q[1]));
      return list.every((item) => quoted.has(item));
    });
}

const CATALOG_LISTS: Record<string, readonly string[]> = {
  event_methods: CATALOG.event_methods,
  write_kinds: CATALOG.write.kinds,
  tones: CATALOG.write.tones,
  lengths: CATALOG.write.lengths,
  quota_features: CATALOG.quotas.map((q) => q.feature),
  languages: CATALOG.languages.slice(0, 10).map((l) => l.code),
};

describe('the catalog is the only copy of the server tables', () => {
  it('quota labels and limits are the catalog’s', () => {
    expect(QUOTAS.map((q) => [q.key, q.label.toLowerCase(), q.limitField])).toEqual(
      CATALOG.quotas.map((q) => [q.feature, q.label, q.limit_field]),
    );
    const free = CATALOG.tiers[0]!;
    const usage = { used: 1, limit: 2 };
    const me = {
      account: {} as never,
      limits: free,
      usage: { translate_chars: usage, reply_suggestions: usage, write_requests: usage },
    };
    expect(quotaOf({ ...me, usage: {} as never }, 'reply_suggestions')).toEqual({
      used: 0,
      limit: free.reply_suggestions_per_day,
    });
    for (const q of CATALOG.quotas) {
      const friendly = toFriendlyError(new ApiError(429, 'quota_exceeded', 'over', { feature: q.feature }));
      expect(friendly.message).toContain(q.label);
    }
  });

  it('write tones, lengths, limits and languages are the catalog’s', () => {
    expect(TONES).toEqual(CATALOG.write.tones);
    expect(LENGTHS).toEqual(CATALOG.write.lengths);
    for (const [kind, limits] of Object.entries(CATALOG.write.length_limits)) {
      for (const [length, chars] of Object.entries(limits!)) {
        expect(writeLimit(kind as never, length as never, '')).toBe(chars);
      }
    }
    for (const n of SOCIAL_NETWORKS) expect(n.limit).toBe(CATALOG.write.social_limits[n.id]);
    expect(writeLimit('social_post', 'short', 'bluesky')).toBe(CATALOG.write.social_limits.bluesky);
    expect(LANGUAGES.map((l) => l.code)).toEqual(CATALOG.languages.map((l) => l.code));
    expect(LANGUAGES.find((l) => l.code === 'ja')?.name).toBe('日本語'); // the language's own name
  });

  it('room names follow the catalog pattern', () => {
    expect(['alice_room', 'a', 'x'.repeat(64)].every(isRoomName)).toBe(true);
    expect(['Alice', 'a-b', 'x'.repeat(65), ''].some(isRoomName)).toBe(false);
  });

  it('flags a hand-copied list (the check can fail)', () => {
    const handCopy = `const M = [${CATALOG.event_methods.map((m) => `'${m}'`).join(', ')}] as const;`;
    expect(literalCopies(handCopy, CATALOG.event_methods)).toHaveLength(1);
    expect(literalCopies("['tip', 'chatMessage']", CATALOG.event_methods)).toEqual([]);
  });

  it('no source file outside wire.ts lists a catalog table or the room pattern', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(20);
    const copies = files.flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const found = Object.entries(CATALOG_LISTS)
        .filter(([, list]) => literalCopies(source, list).length > 0)
        .map(([name]) => `${relative(ROOT, file)}: ${name}`);
      return source.includes('[a-z0-9_]{1,64}') ? [...found, `${relative(ROOT, file)}: room pattern`] : found;
    });
    expect(copies).toEqual([]);
  });
});
