// Country facts the exports need: ISO alpha-3 and numeric codes (i18n-iso-countries) and ACLED's own country
// names and regions, which i18n-iso-countries does not know (ACLED writes "Syria", not "Syrian Arab Republic").
import countries from "i18n-iso-countries/index.js";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };

countries.registerLocale(en);

/** ACLED country name and region for the countries sitrep meets most; others fall back to the common English name. */
const ACLED: Record<string, [name: string, region: string]> = {
  SY: ["Syria", "Middle East"],
  IQ: ["Iraq", "Middle East"],
  IR: ["Iran", "Middle East"],
  TR: ["Turkey", "Middle East"],
  LB: ["Lebanon", "Middle East"],
  IL: ["Israel", "Middle East"],
  PS: ["Palestine", "Middle East"],
  JO: ["Jordan", "Middle East"],
  YE: ["Yemen", "Middle East"],
  SA: ["Saudi Arabia", "Middle East"],
  AE: ["United Arab Emirates", "Middle East"],
  KW: ["Kuwait", "Middle East"],
  QA: ["Qatar", "Middle East"],
  BH: ["Bahrain", "Middle East"],
  OM: ["Oman", "Middle East"],
  UA: ["Ukraine", "Europe"],
  RU: ["Russia", "Europe"],
  BY: ["Belarus", "Europe"],
  MD: ["Moldova", "Europe"],
  GE: ["Georgia", "Caucasus and Central Asia"],
  AM: ["Armenia", "Caucasus and Central Asia"],
  AZ: ["Azerbaijan", "Caucasus and Central Asia"],
  AF: ["Afghanistan", "South Asia"],
  PK: ["Pakistan", "South Asia"],
  IN: ["India", "South Asia"],
  MM: ["Myanmar", "Southeast Asia"],
  EG: ["Egypt", "Northern Africa"],
  LY: ["Libya", "Northern Africa"],
  SD: ["Sudan", "Northern Africa"],
  TN: ["Tunisia", "Northern Africa"],
  DZ: ["Algeria", "Northern Africa"],
  SS: ["South Sudan", "Eastern Africa"],
  SO: ["Somalia", "Eastern Africa"],
  ET: ["Ethiopia", "Eastern Africa"],
  ML: ["Mali", "Western Africa"],
  BF: ["Burkina Faso", "Western Africa"],
  NE: ["Niger", "Western Africa"],
  NG: ["Nigeria", "Western Africa"],
  CD: ["Democratic Republic of Congo", "Middle Africa"],
  CF: ["Central African Republic", "Middle Africa"],
  US: ["United States", "North America"],
};

export interface CountryInfo {
  alpha2: string;
  alpha3: string;
  /** ISO 3166-1 numeric code, as ACLED's `iso` column writes it (no leading zeros). */
  numeric: number | null;
  name: string;
  /** ACLED region, "" when the table above does not list the country. */
  region: string;
}

/** Facts for an ISO alpha-2 code, or null when the code is unknown. */
export function countryInfo(alpha2: string | null | undefined): CountryInfo | null {
  if (!alpha2) return null;
  const code = alpha2.toUpperCase();
  const alpha3 = countries.alpha2ToAlpha3(code);
  if (!alpha3) return null;
  const numeric = countries.alpha2ToNumeric(code);
  const [name, region] = ACLED[code] ?? [countries.getName(code, "en", { select: "alias" }) ?? code, ""];
  return { alpha2: code, alpha3, numeric: numeric ? Number(numeric) : null, name, region };
}
