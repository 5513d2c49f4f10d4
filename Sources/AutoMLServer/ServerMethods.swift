import AutoMLRPC

/// Every method `automl serve` answers: one literal list, one file per method.
public enum ServerMethods {
    nonisolated(unsafe) public static let all: [any RPCMethodRegistrable<ServerContext>.Type] = [
        RPCDiscover.self,
        StrategyList.self,
        PrunerList.self,
        SessionCreate.self,
        SessionAsk.self,
        SessionTell.self,
        TrialReport.self,
        TrialAbandon.self,
        SessionRun.self,
        SessionEnqueue.self,
        SessionBest.self,
        SessionTrials.self,
        SessionStatus.self,
        SessionList.self,
        SessionOpen.self,
        SessionClose.self,
    ]

    public static var registry: MethodRegistry<ServerContext> { MethodRegistry(all) }
}
