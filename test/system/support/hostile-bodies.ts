import fc from 'fast-check';

/** One request body as a hostile client sends it: bytes, a content type (or none), and maybe cut short. */
export interface HostileBody {
  readonly kind: string;
  readonly contentType: string | undefined;
  readonly bytes: Buffer;
  /** Send only part of the bytes while announcing them all in Content-Length, then stop. */
  readonly truncated: boolean;
}

/** What the generators know of a route: the field names its OpenAPI schema lists, and ids that exist. */
export interface RouteHints {
  readonly fields: readonly string[];
  readonly ids: readonly string[];
}

const JSON_TYPE = 'application/json';
const INVALID_UTF8 = [[0xff], [0xfe, 0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];

const hugeString = fc.integer({ min: 4_001, max: 160_000 }).map((length) => 'Ô'.repeat(Math.ceil(length / 2)));
const loneSurrogate = fc.constantFrom('\udfff', '\ud800', 'a\udc00b', 'x@example.vn\ud83d');
const dateLike = fc.constantFrom(
  '2017-03-09T08:00:00+07:00',
  '2999-01-01T00:00:00Z',
  '2017-02-30T08:00:00+07:00',
  '2017-03-09',
  'yesterday',
  '',
);

function hostileValue(hints: RouteHints): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.oneof(fc.boolean(), fc.integer(), fc.double(), fc.constant(-0), fc.constant(1e308)) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: loneSurrogate },
    { weight: 1, arbitrary: hugeString },
    { weight: 3, arbitrary: fc.constantFrom(...hints.ids) },
    { weight: 2, arbitrary: dateLike },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...hints.ids, 'x', ''), { maxLength: 5 }) },
  );
}

/** An object with some of the route's own fields (and a stranger or two), each holding a hostile value. */
function shapedObject(hints: RouteHints): fc.Arbitrary<Record<string, unknown>> {
  const names = [...hints.fields, 'actor', '__proto__', 'constructor', 'x\udfff'];
  return fc
    .uniqueArray(fc.constantFrom(...names), { minLength: 0, maxLength: names.length })
    .chain((chosen) =>
      fc
        .tuple(...chosen.map(() => hostileValue(hints)))
        .map((values) => Object.fromEntries(chosen.map((name, index) => [name, values[index]]))),
    );
}

function deepJson(field: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(field, fc.integer({ min: 33, max: 3_000 }), fc.boolean())
    .map(([name, depth, objects]) =>
      objects ? `{${`"${name}":{`.repeat(depth)}"x":1${'}'.repeat(depth)}}` : `{"${name}":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
}

function withInvalidUtf8(text: string, at: number, bytes: readonly number[]): Buffer {
  // Inside a string value: after the first quote past the chosen place, so the JSON stays otherwise well-formed.
  const quote = text.indexOf('"', Math.min(at, Math.max(0, text.length - 1)));
  const cut = quote < 0 ? text.length : quote + 1;
  return Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from(bytes), Buffer.from(text.slice(cut))]);
}

const json = (kind: string, text: string | Buffer, contentType = JSON_TYPE, truncated = false): HostileBody => ({
  kind,
  contentType,
  bytes: Buffer.isBuffer(text) ? text : Buffer.from(text),
  truncated,
});

/** Hostile bodies for any JSON route: nesting, nulls and wrong types, huge and ill-formed text, bad bytes, wrong types, cut short. */
export function hostileJsonBody(hints: RouteHints): fc.Arbitrary<HostileBody> {
  const field = fc.constantFrom(...hints.fields, 'description');
  const shaped = shapedObject(hints).map((object) => JSON.stringify(object));
  return fc.oneof(
    { weight: 2, arbitrary: deepJson(field).map((text) => json('deep nesting', text)) },
    { weight: 6, arbitrary: shaped.map((text) => json('hostile values', text)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => json('any JSON', JSON.stringify(value) ?? 'null')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(shaped, fc.nat(), fc.constantFrom(...INVALID_UTF8))
        .map(([text, at, bytes]) => json('invalid UTF-8', withInvalidUtf8(text.length > 2 ? text : '{"description":"x"}', at, bytes))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          shaped,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/json; charset=iso-8859-1',
            'application/json; charset=utf-16',
            '',
            undefined,
          ),
        )
        .map(([text, type]) => json('wrong content type', text, type)),
    },
    { weight: 1, arbitrary: shaped.map((text) => json('truncated', text.length > 2 ? text : '{"description":"x"}', JSON_TYPE, true)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((text) => json('not JSON', text)) },
  );
}

/** What the Open311 intake also reads: form-encoded and multipart bodies, hostile in their own ways. */
export function hostileIntakeBody(hints: RouteHints): fc.Arbitrary<HostileBody> {
  const value = fc.oneof(
    fc.string({ maxLength: 30 }).map(encodeURIComponent),
    fc.constantFrom('%FF%FE', '%C3%28', '%ED%A0%80', '%', '%zz', 'gia-loc', 'incident', '20.8', '1e999', 'https://x.example/p.jpg'),
    fc.integer({ min: 3_000, max: 150_000 }).map((length) => 'x'.repeat(length)),
  );
  const form = fc
    .array(fc.tuple(fc.constantFrom(...hints.fields, 'a[b]', 'a[b][c][d]', ''), value), { maxLength: 12 })
    .map((pairs) => pairs.map(([name, text]) => `${encodeURIComponent(name)}=${text}`).join('&'));
  const boundary = 'b0undary';
  const part = fc.oneof(
    fc
      .tuple(fc.constantFrom(...hints.fields), fc.string({ maxLength: 30 }))
      .map(([name, text]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${text}\r\n`)),
    fc
      .tuple(
        fc.constantFrom('media', 'photo'),
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(0)),
      )
      .map(([name, bytes, magic]) =>
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
          ),
          magic,
          Buffer.from(bytes),
          Buffer.from('\r\n'),
        ]),
      ),
    fc.constant(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n\xff\xfe\r\n`, 'latin1')),
    fc.constant(Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n`)),
  );
  const multipart = fc
    .tuple(fc.array(part, { maxLength: 8 }), fc.boolean())
    .map(([parts, closed]) => Buffer.concat([...parts, Buffer.from(closed ? `--${boundary}--\r\n` : '')]));
  return fc.oneof(
    { weight: 3, arbitrary: hostileJsonBody(hints) },
    { weight: 2, arbitrary: form.map((text) => json('hostile form', text, 'application/x-www-form-urlencoded')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          multipart,
          fc.constantFrom(`multipart/form-data; boundary=${boundary}`, 'multipart/form-data', 'multipart/form-data; boundary=other'),
        )
        .map(([bytes, type]) => json('hostile multipart', bytes, type)),
    },
    {
      weight: 1,
      arbitrary: multipart.map((bytes) => json('truncated multipart', bytes, `multipart/form-data; boundary=${boundary}`, true)),
    },
  );
}
