// Regenerates the Teams app icons (adapters/teams/appPackage/color.png and outline.png) from
// the geometry in adapters/teams/package/icons.ts. Run: npx tsx scripts/teams-icons.ts
import { writeFileSync } from 'node:fs';
import { drawColorIcon, drawOutlineIcon } from '../adapters/teams/package/icons.js';
import { encodePng } from '../adapters/teams/package/png.js';
import { APP_PACKAGE_DIR } from '../adapters/teams/package/build.js';

writeFileSync(`${APP_PACKAGE_DIR}color.png`, encodePng(drawColorIcon(192)));
writeFileSync(`${APP_PACKAGE_DIR}outline.png`, encodePng(drawOutlineIcon(32)));
process.stdout.write(`Wrote ${APP_PACKAGE_DIR}color.png and outline.png\n`);
