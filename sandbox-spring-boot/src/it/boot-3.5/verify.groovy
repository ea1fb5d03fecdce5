// The run's whole output (build.log): the brokers logged nothing at INFO (Boot's console pattern
// shortens logger names: o.a.k = org.apache.kafka, o.a.q = org.apache.qpid, k. = kafka), Logback
// never ran without appenders, and no listener complained about a topic or virtual host that was gone.
def log = new File(basedir, 'build.log').text
def brokerInfo = log.readLines().findAll { it =~ /\sINFO\s+\d+\s+---\s.*?\]\s+(o\.a\.k\.|o\.a\.kafka\.|org\.apache\.kafka\.|o\.a\.q\.|o\.a\.qpid\.|org\.apache\.qpid\.|k\.|kafka\.|s\.c\.logger|state\.change\.logger|qpid\.)/ }
assert brokerInfo.isEmpty() : "broker INFO lines in ${basedir}/build.log:\n" + brokerInfo.take(20).join('\n')
def noAppenders = log.readLines().findAll { it.contains('No appenders present in context') }
assert noAppenders.isEmpty() : "Logback ran without appenders (the logger named is the one that logged meanwhile): see ${basedir}/build.log:\n" + noAppenders.join('\n')
assert !log.contains('UNKNOWN_TOPIC_OR_PARTITION') : "a listener lost its topic: see ${basedir}/build.log"
assert log.contains('Tests run:') : "no tests ran: see ${basedir}/build.log"
return true
