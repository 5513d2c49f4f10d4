import ArgumentParser
import Logging

/// Logs go to standard error only: standard output is the protocol's.
enum CLILogging {
    static func bootstrap(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "automl")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
