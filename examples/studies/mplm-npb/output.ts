// Writes the study's files into a folder: results.json (setup, derived workload sizes, every run), results.csv,
// results.txt (the printed table) and each chart as plots/<chart>.svg and .png, rendered like livemig's reports.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderPlots } from '../../../src/index.ts';
import { studyCharts } from './chart.ts';
import type { StudyResult } from './study.ts';
import { studyCsv, studyTable } from './table.ts';

export function writeStudy(result: StudyResult, dir: string): { table: string; files: string[] } {
  const table = studyTable(result);
  const files = [
    { name: 'results.json', content: `${JSON.stringify(result, null, 2)}\n` },
    { name: 'results.csv', content: studyCsv(result) },
    { name: 'results.txt', content: table },
    ...renderPlots(studyCharts(result)),
  ];
  const written = files.map(({ name, content }) => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  });
  return { table, files: written };
}
