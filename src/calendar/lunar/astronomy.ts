/**
 * The two astronomical quantities a Chinese-style lunisolar calendar needs: the instants of new moon
 * and the Sun's apparent ecliptic longitude. Formulas from Jean Meeus, "Astronomical Algorithms"
 * (2nd ed., 1998): chapter 49 (phases of the Moon, with the planetary corrections) and chapter 25
 * (the Sun, low accuracy, about 0.01°), with ΔT from Espenak and Meeus's polynomials (NASA, 2006).
 * The same method as Ho Ngoc Duc's published algorithm for the Vietnamese calendar, with Meeus's
 * later, fuller series. Times are Julian Days (days since noon UT of 4713 BC January 1).
 */

const DEGREE = Math.PI / 180;

/** Mean length of a lunation (Meeus, ch. 49), in days. */
export const SYNODIC_MONTH = 29.530588861;

/** Julian Day of the mean new moon k = 0 (2000-01-06), Meeus eq. 49.1. */
const NEW_MOON_EPOCH = 2451550.09766;

const sin = (degrees: number): number => Math.sin(degrees * DEGREE);

/** The index k of the last mean new moon at or before a Julian Day (k = 0: 2000-01-06); the true one may be a day either side. */
export function lunationNear(julianDay: number): number {
  return Math.floor((julianDay - NEW_MOON_EPOCH) / SYNODIC_MONTH);
}

/** The instant (Julian Day, UT) of new moon number k, counted from the new moon of 2000-01-06. */
export function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  const mean = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const Omega = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;
  const periodic =
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(Omega) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  const planetary =
    0.000325 * sin(299.77 + 0.107408 * k - 0.009173 * T2) +
    PLANETARY_TERMS.reduce((sum, [amplitude, base, rate]) => sum + amplitude * sin(base + rate * k), 0);
  const terrestrialTime = mean + periodic + planetary;
  return terrestrialTime - deltaTSeconds(terrestrialTime) / 86400;
}

/** Meeus table 49.B's additional corrections A2..A14 (A1 has a T² term and is added in newMoon): amplitude, degrees at k = 0, degrees per lunation. */
const PLANETARY_TERMS: readonly (readonly [number, number, number])[] = [
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** The Sun's apparent longitude at a Julian Day (UT), in degrees, 0 <= λ < 360 (Meeus ch. 25, low accuracy). */
export function sunLongitude(julianDay: number): number {
  const T = (julianDay + deltaTSeconds(julianDay) / 86400 - 2451545) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(M) + (0.019993 - 0.000101 * T) * sin(2 * M) + 0.000289 * sin(3 * M);
  const Omega = 125.04 - 1934.136 * T;
  const apparent = L0 + C - 0.00569 - 0.00478 * sin(Omega);
  return ((apparent % 360) + 360) % 360;
}

/**
 * ΔT = TT − UT in seconds, Espenak and Meeus's polynomial expressions for 1941–2150 (NASA Five
 * Millennium Canon, 2006). Beyond 2005 it is a forecast; an error of a minute moves a new moon by a
 * minute, which matters only for one falling within a minute of midnight in Vietnam.
 */
function deltaTSeconds(julianDay: number): number {
  const year = 2000 + (julianDay - 2451544.5) / 365.2425;
  if (year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - (t * t) / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - (t * t) / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - year);
}
