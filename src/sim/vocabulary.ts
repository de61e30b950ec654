// Word lists the demo company is made of. Names are combined, never looked up, so any seed
// gives a fresh but plausible cast; weights are rough shares seen in B2B SaaS CRMs.

export type Locale = 'en' | 'es' | 'de' | 'fr';

export interface Country {
  code: string;
  name: string;
  locale: Locale;
  tld: string;
  phone: string;
  weight: number;
}

export const countries: readonly Country[] = [
  { code: 'US', name: 'United States', locale: 'en', tld: 'com', phone: '+1', weight: 46 },
  { code: 'ES', name: 'Spain', locale: 'es', tld: 'es', phone: '+34', weight: 12 },
  { code: 'GB', name: 'United Kingdom', locale: 'en', tld: 'co.uk', phone: '+44', weight: 11 },
  { code: 'DE', name: 'Germany', locale: 'de', tld: 'de', phone: '+49', weight: 9 },
  { code: 'FR', name: 'France', locale: 'fr', tld: 'fr', phone: '+33', weight: 7 },
  { code: 'MX', name: 'Mexico', locale: 'es', tld: 'com.mx', phone: '+52', weight: 6 },
  { code: 'CA', name: 'Canada', locale: 'en', tld: 'ca', phone: '+1', weight: 5 },
  { code: 'IE', name: 'Ireland', locale: 'en', tld: 'ie', phone: '+353', weight: 2 },
  { code: 'AR', name: 'Argentina', locale: 'es', tld: 'com.ar', phone: '+54', weight: 2 },
];

export const firstNames: Record<Locale, readonly string[]> = {
  en: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan',
    'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Chris', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Ashley', 'Mark', 'Emily', 'Steven',
    'Michelle', 'Andrew', 'Amanda', 'Joshua', 'Melissa', 'Kevin', 'Rebecca', 'Brian', 'Laura', 'Ryan', 'Rachel', 'Jason', 'Megan', 'Eric', 'Hannah',
    'Jacob', 'Olivia', 'Nathan', 'Grace', 'Samuel', 'Chloe', 'Ethan', 'Sophie', 'Owen', 'Zoe', 'Aiden', 'Priya', 'Raj', 'Mei', 'Wei', 'Aisha'],
  es: ['Antonio', 'María', 'José', 'Carmen', 'Manuel', 'Ana', 'Francisco', 'Laura', 'David', 'Isabel', 'Juan', 'Lucía', 'Javier', 'Marta', 'Carlos',
    'Cristina', 'Daniel', 'Paula', 'Alejandro', 'Elena', 'Miguel', 'Sara', 'Rafael', 'Raquel', 'Pablo', 'Beatriz', 'Sergio', 'Silvia', 'Jorge',
    'Patricia', 'Alberto', 'Rocío', 'Diego', 'Andrea', 'Fernando', 'Alicia', 'Luis', 'Irene', 'Álvaro', 'Nuria', 'Ricardo', 'Gabriela', 'Eduardo', 'Valeria'],
  de: ['Thomas', 'Sabine', 'Michael', 'Claudia', 'Andreas', 'Petra', 'Stefan', 'Julia', 'Markus', 'Katrin', 'Christian', 'Anna', 'Tobias', 'Lena',
    'Jan', 'Laura', 'Florian', 'Miriam', 'Sebastian', 'Nina', 'Jonas', 'Lea', 'Lukas', 'Sophie', 'Felix', 'Hannah', 'Matthias', 'Franziska'],
  fr: ['Jean', 'Marie', 'Pierre', 'Nathalie', 'Michel', 'Isabelle', 'Philippe', 'Sophie', 'Nicolas', 'Camille', 'Julien', 'Céline', 'Thomas',
    'Claire', 'Antoine', 'Julie', 'Sébastien', 'Émilie', 'Guillaume', 'Chloé', 'Maxime', 'Manon', 'Alexandre', 'Léa', 'Hugo', 'Inès'],
};

export const lastNames: Record<Locale, readonly string[]> = {
  en: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson',
    'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams',
    'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Murphy',
    'Cook', 'Rogers', 'Morgan', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Kelly', 'Howard', 'Ward', 'Cox', 'Patel', 'Nguyen', 'Kim', 'Chen', 'Singh', 'Okafor'],
  es: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández',
    'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez',
    'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marín', 'Sanz', 'Iglesias', 'Medina', 'Castillo'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter',
    'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause'],
  fr: ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy',
    'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefèvre'],
};

export interface Industry {
  name: string;
  weight: number;
  /** Annual revenue per employee (EUR), the median of a log-normal. */
  revenuePerEmployee: number;
  suffixes: readonly string[];
}

export const industries: readonly Industry[] = [
  { name: 'Software', weight: 20, revenuePerEmployee: 210_000, suffixes: ['Software', 'Labs', 'Systems', 'Cloud', 'Technologies', 'Digital', 'AI'] },
  { name: 'Financial Services', weight: 13, revenuePerEmployee: 380_000, suffixes: ['Capital', 'Financial', 'Bank', 'Insurance', 'Payments', 'Wealth'] },
  { name: 'Manufacturing', weight: 13, revenuePerEmployee: 250_000, suffixes: ['Industries', 'Manufacturing', 'Components', 'Works', 'Engineering', 'Materials'] },
  { name: 'Professional Services', weight: 12, revenuePerEmployee: 150_000, suffixes: ['Consulting', 'Advisors', 'Partners', 'Group', 'Associates'] },
  { name: 'Healthcare', weight: 10, revenuePerEmployee: 170_000, suffixes: ['Health', 'Medical', 'Clinics', 'Therapeutics', 'Care', 'Diagnostics'] },
  { name: 'Retail', weight: 9, revenuePerEmployee: 190_000, suffixes: ['Retail', 'Stores', 'Brands', 'Outfitters', 'Market', 'Goods'] },
  { name: 'Logistics', weight: 8, revenuePerEmployee: 200_000, suffixes: ['Logistics', 'Freight', 'Shipping', 'Transport', 'Supply'] },
  { name: 'Education', weight: 6, revenuePerEmployee: 90_000, suffixes: ['Learning', 'Academy', 'Education', 'School', 'Institute'] },
  { name: 'Media', weight: 4, revenuePerEmployee: 230_000, suffixes: ['Media', 'Studios', 'Publishing', 'Network'] },
  { name: 'Energy', weight: 3, revenuePerEmployee: 600_000, suffixes: ['Energy', 'Power', 'Renewables', 'Utilities'] },
  { name: 'Telecommunications', weight: 2, revenuePerEmployee: 420_000, suffixes: ['Telecom', 'Networks', 'Communications', 'Connect'] },
];

export const companyStems: readonly string[] = [
  'Northwind', 'Blue Harbor', 'Summit', 'Atlas', 'Pioneer', 'Crescent', 'Redwood', 'Ironclad', 'Brightpath', 'Silverline', 'Granite', 'Evergreen',
  'Keystone', 'Horizon', 'Bluebird', 'Copperleaf', 'Stonebridge', 'Lighthouse', 'Meridian', 'Riverbend', 'Oakmont', 'Westfield', 'Clearwater',
  'Falcon', 'Sterling', 'Beacon', 'Vantage', 'Cobalt', 'Harbor Point', 'Orchard', 'Quantum', 'Nimbus', 'Aurora', 'Vertex', 'Zenith', 'Polaris',
  'Cascade', 'Juniper', 'Maple', 'Kestrel', 'Trident', 'Pinnacle', 'Sequoia', 'Bristol', 'Ashford', 'Lakeside', 'Highland', 'Ember', 'Solstice',
  'Tidewater', 'Fairview', 'Hawthorne', 'Magnolia', 'Ridgeline', 'Sunrise', 'Wildflower', 'Arbor', 'Blackstone', 'Canyon', 'Driftwood', 'Elmwood',
  'Foxglove', 'Goldcrest', 'Hillcrest', 'Indigo', 'Jasper', 'Kingsway', 'Larkspur', 'Monarch', 'Nautilus', 'Onyx', 'Paragon', 'Quarry', 'Rosewood',
  'Saffron', 'Tamarack', 'Umber', 'Valiant', 'Willow', 'Yellowstone', 'Alpine', 'Boreal', 'Cedar', 'Delta', 'Everest', 'Frontier', 'Glacier',
  'Helix', 'Ionic', 'Lumen', 'Mosaic', 'Nova', 'Orion', 'Prism', 'Radiant', 'Sapphire', 'Titan', 'Vector', 'Apex', 'Bayside', 'Coral', 'Dune',
  'Sierra', 'Mistral', 'Solana', 'Alhambra', 'Rhein', 'Bergmann', 'Lumière', 'Azur', 'Cumbre', 'Faro', 'Nordlicht', 'Sonnenberg', 'Belleville',
];

export type BuyingRole = 'buyer' | 'influencer' | 'end_user' | 'other';

/** Job titles with the part each plays in a buying decision; "other" is poor fit (students, consultants). */
export const jobTitles: readonly (readonly [title: string, role: BuyingRole, weight: number])[] = [
  ['VP Marketing', 'buyer', 4], ['Chief Marketing Officer', 'buyer', 2], ['Head of Sales', 'buyer', 4], ['VP Sales', 'buyer', 3],
  ['Chief Revenue Officer', 'buyer', 1.5], ['CFO', 'buyer', 1.5], ['Director of Operations', 'buyer', 2.5], ['Head of Revenue Operations', 'buyer', 2.5],
  ['Marketing Director', 'buyer', 3.5], ['Sales Director', 'buyer', 3], ['CEO', 'buyer', 2], ['Founder', 'buyer', 1.5], ['COO', 'buyer', 1],
  ['Marketing Manager', 'influencer', 7], ['Demand Generation Manager', 'influencer', 4], ['Sales Manager', 'influencer', 5],
  ['Marketing Operations Manager', 'influencer', 3.5], ['Sales Operations Manager', 'influencer', 3], ['Growth Manager', 'influencer', 2.5],
  ['Product Marketing Manager', 'influencer', 2.5], ['IT Manager', 'influencer', 2], ['Business Analyst', 'influencer', 2],
  ['Marketing Specialist', 'end_user', 5], ['Content Marketing Specialist', 'end_user', 3], ['Sales Development Representative', 'end_user', 4],
  ['Account Executive', 'end_user', 4], ['Marketing Coordinator', 'end_user', 3.5], ['CRM Administrator', 'end_user', 2], ['Digital Marketing Analyst', 'end_user', 2.5],
  ['Student', 'other', 3], ['Consultant', 'other', 3], ['Freelance Marketer', 'other', 1.5], ['Intern', 'other', 1.5], ['Professor', 'other', 0.7],
];

/** Free-mail providers by locale, for people who sign up with a personal address. */
export const freeMailDomains: Record<Locale, readonly string[]> = {
  en: ['gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'icloud.com'],
  es: ['gmail.com', 'gmail.com', 'hotmail.es', 'yahoo.es', 'outlook.es'],
  de: ['gmail.com', 'gmx.de', 'web.de', 't-online.de'],
  fr: ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'hotmail.fr'],
};

export const techStacks: readonly (readonly [string, number])[] = [
  ['Salesforce', 30], ['HubSpot', 26], ['Microsoft Dynamics', 10], ['Pipedrive', 9], ['Zoho', 7], ['Spreadsheets', 12], ['Other', 6],
];
