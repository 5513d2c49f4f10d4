import AutoMLEngine
import AutoMLStrategies

/// The names of the registered strategies, for `initialize`'s capabilities.
enum StrategyNames {
    static var all: [String] { StrategyRegistry.all.map { $0.name } }
}
