import { randomUUID } from "node:crypto";
import { foldName } from "../../server/orders/order-repository";
import { nameSortKey } from "../../lib/name-fold";

// Names shaped like the orders people type: a few words from small lists, so searches for
// a common word ("cotton") match many orders and a rare one (a catalogue number) a handful.
const adjectives = [
  "Blue",
  "Red",
  "Organic",
  "Large",
  "Small",
  "Recycled",
  "Premium",
  "Vintage",
  "Wireless",
  "Matte",
  "Spare",
  "Heavy-duty",
  "Café",
  "Grüne",
  "Ünique",
  "Smart",
  "Classic",
  "Mini",
];
const things = [
  "cotton shirt",
  "coffee beans",
  "printer paper",
  "desk lamp",
  "USB-C cable",
  "notebook",
  "running shoes",
  "tea set",
  "chair",
  "bike helmet",
  "monitor stand",
  "backpack",
  "Äpfel (2 kg)",
  "water bottle",
  "keyboard",
  "sofa cover",
  "plant pot",
  "100% wool scarf",
  "office_chair",
  "ramen 拉麺",
];
const years = 5;

/** A seeded generator (mulberry32): the same seed gives the same orders. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One stored order, in the columns both providers share. */
export type SeedRow = {
  uuid: string;
  name: string;
  nameFolded: string;
  nameKey: string;
  completed: boolean;
  date: Date;
  createTime: Date;
};

/** Realistic orders: varied names, dates spread over five years, about a third completed. */
export function seedRows(count: number, random: () => number, now = Date.now()): SeedRow[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    const date = new Date(now - Math.floor(random() * years * 365 * 86_400_000));
    const catalogue = random() < 0.3 ? ` #${Math.floor(random() * 1_000_000)}` : "";
    const name = `${pick(adjectives)} ${pick(things)}${catalogue}`;
    // Entered up to a day after the date it names, never in the future.
    const createTime = new Date(Math.min(now, date.getTime() + Math.floor(random() * 86_400_000)));
    return {
      uuid: randomUUID(),
      name,
      nameFolded: foldName(name),
      nameKey: nameSortKey(name),
      completed: random() < 1 / 3,
      date,
      createTime,
    };
  });
}
