import { describe, expect, it } from 'vitest';
import { hostOf, sameSite } from './host-of.js';
import { siteOf } from './source-lists.js';

describe('siteOf', () => {
  it.each([
    ['google', 'google', 'search'],
    ['GOOGLE.CO.UK', 'google', 'search'],
    ['https://www.google.com.au/search?q=x', 'google', 'search'],
    ['adwords', 'google', 'search'],
    ['cn.bing.com', 'bing', 'search'],
    ['es.search.yahoo.com', 'yahoo', 'search'],
    ['yandex.ru', 'yandex', 'search'],
    ['fb', 'facebook', 'social'],
    ['lm.facebook.com', 'facebook', 'social'],
    ['x.com', 'twitter', 'social'],
    ['pinterest.es', 'pinterest', 'social'],
    ['youtu.be', 'youtube', 'video'],
    ['amazon.de', 'amazon', 'shopping'],
    ['mail.google.com', 'gmail', 'email'],
    ['mail.yahoo.co.jp', 'yahoo mail', 'email'],
    ['mail.yandex.ru', 'yandex mail', 'email'],
  ])('%s is %s (%s)', (value, name, category) => {
    expect(siteOf(value)).toEqual({ name, category });
  });

  it.each([
    'docs.google.com', // a subdomain of a google.* site links like any site
    'google.evil.com',
    'googleblog.com',
    'notfacebook.com',
    'facebook.com.evil.io',
    'chatgpt.com',
    'newsletter',
    '(direct)',
    '',
  ])('%s is no known site', (value) => {
    expect(siteOf(value)).toBeNull();
  });
});

describe('hostOf', () => {
  it('lower-cases, drops www., port and trailing dot, and accepts bare hosts', () => {
    expect(hostOf('https://WWW.Example.COM:8443/a?b')).toBe('example.com');
    expect(hostOf('example.com.')).toBe('example.com');
    expect(hostOf('android-app://com.google.android.gm/')).toBe('com.google.android.gm');
  });

  it('answers null for paths, blanks and junk', () => {
    expect(hostOf('/pricing?utm_source=x')).toBeNull();
    expect(hostOf('   ')).toBeNull();
    expect(hostOf('not a url')).toBeNull();
    expect(hostOf(undefined)).toBeNull();
  });

  it('sameSite accepts subdomains either way but not look-alikes', () => {
    expect(sameSite('blog.acme.com', 'acme.com')).toBe(true);
    expect(sameSite('acme.com', 'app.acme.com')).toBe(true);
    expect(sameSite('notacme.com', 'acme.com')).toBe(false);
  });
});
