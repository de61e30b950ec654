// Personal mailbox providers: their domain says nothing about the employer, so it never makes a company.
// Exact domains; country variants of the big providers are matched by prefix in isFreeMailDomain.
const exact = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com',
  'yahoo.com', 'ymail.com', 'rocketmail.com', 'aol.com', 'aim.com', 'icloud.com', 'me.com', 'mac.com',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io',
  'gmx.com', 'gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'web.de', 'mail.com', 'email.com', 'zoho.com',
  'zohomail.com', 'yandex.com', 'yandex.ru', 'ya.ru', 'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru',
  'rambler.ru', 'qq.com', '163.com', '126.com', 'sina.com', 'sohu.com', 'naver.com', 'daum.net',
  'hanmail.net', 'fastmail.com', 'fastmail.fm', 'hey.com', 'hushmail.com', 'mailfence.com',
  'libero.it', 'virgilio.it', 'tiscali.it', 'alice.it', 'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr',
  'laposte.net', 'neuf.fr', 't-online.de', 'freenet.de', 'arcor.de', 'telefonica.net', 'terra.es',
  'movistar.es', 'ono.com', 'seznam.cz', 'centrum.cz', 'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl',
  'comcast.net', 'att.net', 'sbcglobal.net', 'verizon.net', 'cox.net', 'charter.net', 'earthlink.net',
  'btinternet.com', 'sky.com', 'virginmedia.com', 'ntlworld.com', 'talktalk.net', 'blueyonder.co.uk',
  'bigpond.com', 'optusnet.com.au', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'uol.com.br', 'bol.com.br',
  'terra.com.br', 'ig.com.br', 'rediffmail.com', 'inbox.com', 'lycos.com', 'excite.com', 'juno.com',
  'netzero.net', 'mailinator.com', 'guerrillamail.com', '10minutemail.com', 'temp-mail.org', 'yopmail.com',
]);

// Providers that run one domain per country: hotmail.es, yahoo.co.uk, outlook.fr, live.de ...
const perCountry = /^(hotmail|outlook|live|yahoo|ymail|windowslive|msn|gmx|yandex|aol)\.[a-z.]{2,6}$/;

export function isFreeMailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  return exact.has(d) || perCountry.test(d);
}
