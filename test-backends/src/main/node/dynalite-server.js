'use strict'
// Starts dynalite (in memory) for Stowage's tests; launched by io.stowage.testbackends.DynaliteServer.
//
// Why a wrapper rather than dynalite's own cli.js:
//  - cli.js treats --port 0 as "use 4567"; listening on port 0 here lets the OS pick a free
//    port with no race, and the chosen port is printed for the JVM to read;
//  - the JVM keeps our stdin open; when it closes (the JVM exited, even by SIGKILL) we exit too,
//    so a server is never left running without its parent;
//  - dynalite throws from a request's 'error' listener (index.js: req.on('error', function (err)
//    { throw err })), so a client that gives up while it is still sending a request (a timeout,
//    a reset) would kill the server and fail every later test with "connection refused". That
//    one error is logged and ignored below; any other uncaught error still ends the process.
//
// Usage: node dynalite-server.js [--host 127.0.0.1] [--port 0] [--createTableMs N] [--maxItemSizeKb N]

// No argument library: only dynalite itself is a declared dependency.
var argv = {}
for (var i = 2; i < process.argv.length; i++) {
  var m = /^--([^=]+)(?:=(.*))?$/.exec(process.argv[i])
  if (!m) continue
  if (m[2] != null) argv[m[1]] = m[2]
  else if (i + 1 < process.argv.length && !/^--/.test(process.argv[i + 1])) argv[m[1]] = process.argv[++i]
  else argv[m[1]] = true
}
var dynalite = require('dynalite')

var host = argv.host || '127.0.0.1'
var port = argv.port == null ? 0 : Number(argv.port)
var options = {}
if (argv.createTableMs != null) options.createTableMs = Number(argv.createTableMs)
if (argv.deleteTableMs != null) options.deleteTableMs = Number(argv.deleteTableMs)
if (argv.updateTableMs != null) options.updateTableMs = Number(argv.updateTableMs)
if (argv.maxItemSizeKb != null) options.maxItemSizeKb = Number(argv.maxItemSizeKb)

var server = dynalite(options)
// Node closes a connection idle for 5 s; the AWS SDK keeps one for up to 60 s by default and may send a
// request on it just as Node closes it. The SDK then retries, and a conditional write's refusal
// becomes ambiguous (an earlier attempt may have been applied), which DynamoDB, keeping
// connections far longer, seldom causes. Outlast the client's idle time instead.
server.keepAliveTimeout = 65000
server.headersTimeout = 66000

process.on('uncaughtException', function (err) {
  if (err && err.code === 'ECONNRESET' && err.message === 'aborted') {
    console.error('dynalite: a client aborted a request before sending all of it; ignored')
    return
  }
  // Written synchronously: console.error to a pipe may still be queued when exit() runs.
  var message = 'dynalite crashed: ' + (err && err.stack || err) + '\n'
  try {
    require('fs').writeSync(2, message)
  } catch (e) {
    console.error(message)
  }
  process.exit(1)
})

server.on('error', function (err) {
  console.error('dynalite failed: ' + (err && err.stack || err))
  process.exit(2)
})

server.listen(port, host, function () {
  // The JVM parses this exact line.
  console.log('DYNALITE_LISTENING port=' + server.address().port)
})

function shutdown () {
  // A hung close must not keep the process alive.
  setTimeout(function () { process.exit(0) }, 2000).unref()
  server.close(function () { process.exit(0) })
}

process.stdin.on('end', shutdown)
process.stdin.on('close', shutdown)
process.stdin.on('error', shutdown)
process.stdin.resume()
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
