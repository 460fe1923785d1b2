import { annotated } from "./test/helpers.ts";
import { quantitiesRecognizer } from "./src/annotate/quantities.ts";
import { readFileSync } from "node:fs";
const cases = [
  readFileSync("/work/shared/acceptance/palmyra.txt", "utf8"),
  "Some 500 fighters and about 300 soldiers joined. Hundreds of troops and thousands of Syrian soldiers. A dozen tanks, dozens of militants, between 20 and 30 fighters, 20-30 gunmen, twelve jets, forty vehicles.",
  "The attack killed at least 12 people. 12 people were killed. The death toll rose to 70. WHO put the death toll at at least 70. The blast left 5 dead. There were dozens of casualties. One soldier was killed. Jets struck, killing three civilians. The shelling wounded 15. Several people were killed. 5 killed and 20 wounded. Dozens of people were killed in the strike.",
  "The 5th Legion moved 40km west in 2016. On 14 January 30% of the 2,000 residents fled. At 10:30 the Su-24 jets hit. Russian/Syrian/Iranian cooperation. Up to 400 fighters, nearly 100 people were killed, almost 50 tanks. More than 300,000 people have been killed since 2011. Tens of thousands of people fled. Several hundred fighters arrived.",
];
for (const t of cases) {
  const ad = annotated(t, "2017-01-16");
  quantitiesRecognizer.run(ad);
  for (const m of ad.quantities) console.log(JSON.stringify(m.text), m.kind, m.min, m.max, m.unit);
  console.log("--");
}
