import { newWebhookSecret, signatureOf, standardWebhookHeaders } from './standard-webhooks.js';

describe('the Standard Webhooks signature', () => {
  it("reproduces the specification's published test vector", () => {
    // From the Standard Webhooks reference libraries' tests.
    expect(signatureOf('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('signs the id, the timestamp and the body: changing any one changes the signature', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signed = signatureOf(secret, 'msg_1', 1614265330, '{}');
    expect(signatureOf(secret, 'msg_2', 1614265330, '{}')).not.toBe(signed);
    expect(signatureOf(secret, 'msg_1', 1614265331, '{}')).not.toBe(signed);
    expect(signatureOf(secret, 'msg_1', 1614265330, '{ }')).not.toBe(signed);
    expect(standardWebhookHeaders(secret, 'msg_1', 1614265330, '{}')).toEqual({
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1614265330',
      'webhook-signature': signed,
    });
  });

  it('makes secrets of 32 random bytes in the whsec_ base64 form', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
