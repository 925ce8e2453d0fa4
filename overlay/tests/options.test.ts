import { describe, expect, it } from 'vitest';
import { applyLook, DEFAULT_LOOK, parseLook, parseParams, parseServer, resolveLook } from '../src/options';

const ORIGIN = 'https://app.example';

describe('parseParams', () => {
  it('reads kind, key and every look option', () => {
    const params = parseParams(
      '?kind=goal&key=ok_key-123&color=FF00aa&text=fff&font=Georgia&size=32&layout=vertical&sound=1',
      ORIGIN,
    );
    expect(params.kind).toBe('goal');
    expect(params.key).toBe('ok_key-123');
    expect(params.server).toBe(ORIGIN);
    expect(params.demo).toBeNull();
    expect(resolveLook(params.look)).toEqual({
      color: '#ff00aa',
      text: '#fff',
      font: 'georgia',
      size: 32,
      layout: 'vertical',
      sound: true,
    });
  });

  it('ignores bad values and keeps the defaults', () => {
    const params = parseParams(
      '?kind=chat&key=a%20b&color=red&text=%23ggg&font=Papyrus&size=5000&layout=diagonal&sound=yes',
      ORIGIN,
    );
    expect(params.kind).toBeNull();
    expect(params.key).toBeNull();
    expect(params.look).toEqual({});
    expect(resolveLook(params.look)).toEqual(DEFAULT_LOOK);
  });

  it.each(['9', '121', '2.5', '-20', '20px', ''])('refuses size %j', (size) => {
    expect(parseLook(new URLSearchParams({ size }))).toEqual({});
  });

  it('reads the demo modes', () => {
    expect(parseParams('?demo=1', ORIGIN).demo).toBe('still');
    expect(parseParams('?demo=live', ORIGIN).demo).toBe('live');
    expect(parseParams('?demo=0', ORIGIN).demo).toBeNull();
  });
});

describe('parseServer', () => {
  it('keeps only the origin of an absolute http(s) URL', () => {
    expect(parseServer('https://wcp.example:8443/some/path?x=1', ORIGIN)).toBe('https://wcp.example:8443');
    expect(parseServer('http://127.0.0.1:5000', ORIGIN)).toBe('http://127.0.0.1:5000');
  });

  it.each(['javascript:alert(1)', 'ftp://x.example', '/relative', 'not a url', null])(
    'falls back for %j',
    (v) => {
      expect(parseServer(v, ORIGIN)).toBe(ORIGIN);
    },
  );
});

describe('looks', () => {
  it('layers defaults, then saved options, then the URL', () => {
    const saved = parseLook({ color: '00ff00', size: 40, layout: 'vertical', sound: true });
    const url = parseLook(new URLSearchParams('color=0000ff'));
    expect(resolveLook(saved, url)).toMatchObject({
      color: '#0000ff',
      size: 40,
      layout: 'vertical',
      sound: true,
    });
  });

  it('turns a look into CSS variables with a safe font stack', () => {
    const root = document.createElement('div');
    applyLook(root, resolveLook({ font: 'courier new', size: 18, layout: 'vertical' }));
    expect(root.style.getPropertyValue('--size')).toBe('18px');
    expect(root.style.getPropertyValue('--font')).toContain('"Courier New", monospace');
    expect(root.dataset.layout).toBe('vertical');
  });
});
