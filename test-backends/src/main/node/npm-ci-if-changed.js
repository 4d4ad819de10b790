'use strict'
// Run by Maven (exec-maven-plugin, phase generate-resources) in this folder: `npm ci` from the
// committed package-lock.json, skipped when node_modules already holds exactly that lock.
//
// Why skip: `npm ci` first deletes node_modules, and several builds of this module may run at
// once on one machine (a parallel build, or a second build while tests of the first still run
// dynalite out of node_modules). Reinstalling an unchanged lock would pull files from under them.
//
// Set STOWAGE_NPM_CI_FORCE=true to reinstall anyway.

var childProcess = require('child_process')
var crypto = require('crypto')
var fs = require('fs')
var path = require('path')

var here = __dirname
var lockFile = path.join(here, 'package-lock.json')
var marker = path.join(here, 'node_modules', '.stowage-npm-ci.sha256')
var installed = path.join(here, 'node_modules', 'dynalite', 'package.json')

var lockHash = crypto.createHash('sha256').update(fs.readFileSync(lockFile)).digest('hex')
var force = /^(1|true|yes)$/i.test(process.env.STOWAGE_NPM_CI_FORCE || '')

function read (file) {
  try { return fs.readFileSync(file, 'utf8').trim() } catch (e) { return null }
}

if (!force && fs.existsSync(installed) && read(marker) === lockHash) {
  console.log('[stowage] node_modules matches package-lock.json (' + lockHash.slice(0, 12) + '); npm ci skipped')
  process.exit(0)
}

console.log('[stowage] npm ci in ' + here)
var npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
var result = childProcess.spawnSync(npm, [ 'ci', '--no-audit', '--no-fund' ], {
  cwd: here,
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
if (result.error) {
  console.error('[stowage] could not run npm: ' + result.error.message
    + '. Install Node.js and npm (e.g. `apt-get install nodejs npm`, or from https://nodejs.org).')
  process.exit(1)
}
if (result.status !== 0) {
  console.error('[stowage] npm ci failed with exit code ' + result.status)
  process.exit(result.status || 1)
}
fs.writeFileSync(marker, lockHash + '\n')
