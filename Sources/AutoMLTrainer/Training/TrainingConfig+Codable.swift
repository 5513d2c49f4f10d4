import AutoMLJSON

extension TrainingConfig: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case seed, epochs, batchSize, learningRate, schedule, stepSize, gamma, warmupEpochs, minLearningRate
        case pctStart, divFactor, finalDivFactor, cycleMomentum, loss, labelSmoothing, optimizer, momentum
        case nesterov, beta1, beta2, epsilon, rho, weightDecay, l1, l2, dropout, earlyStoppingPatience, randomShift
        case initialization, architecture, layers, width, widths, activation, batchNorm, kernel, dilated
        case pooling, head, inputShape, model, weightBits
    }

    /// Decodes a config, rejecting unknown members; errors name their path under `path`
    /// (`config.learningRate: expected a number in (0, 10], found -1`).
    public static func decode(_ json: JSON, path: String = "config") throws(JSONFieldError) -> TrainingConfig {
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        return try decoder.decode(TrainingConfig.self, from: json, path: path)
    }

    /// The JSON form, every member written out.
    public var json: JSON { (try? JSONValueEncoder().encode(self)) ?? .null }

    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func integer(_ key: CodingKeys, _ range: ClosedRange<Int>) throws -> Int? {
            guard let value = try c.decodeIfPresent(Int.self, forKey: key) else { return nil }
            guard range.contains(value) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected an integer in [\(range.lowerBound), \(range.upperBound)], found \(value)")
            }
            return value
        }
        func number(_ key: CodingKeys, _ low: Double, _ high: Double, openLow: Bool = false, openHigh: Bool = false) throws -> Double? {
            guard let value = try c.decodeIfPresent(Double.self, forKey: key) else { return nil }
            guard value.isFinite, openLow ? value > low : value >= low, openHigh ? value < high : value <= high else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected a number in \(openLow ? "(" : "[")\(low), \(high)\(openHigh ? ")" : "]"), found \(value)")
            }
            return value
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: CodingKeys, _ type: T.Type) throws -> T? where T.RawValue == String {
            guard let word = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let value = T(rawValue: word) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(word)\"")
            }
            return value
        }
        if let v = try c.decodeIfPresent(UInt64.self, forKey: .seed) { seed = v }
        if let v = try integer(.epochs, 1...100_000) { epochs = v }
        if let v = try integer(.batchSize, 1...1 << 20) { batchSize = v }
        if let v = try number(.learningRate, 0, 10, openLow: true) { learningRate = v }
        if let v = try choice(.schedule, ScheduleKind.self) { schedule = v }
        if let v = try integer(.stepSize, 1...100_000) { stepSize = v }
        gamma = try number(.gamma, 0, 1, openLow: true)
        if let v = try number(.warmupEpochs, 0, 100_000) { warmupEpochs = v }
        if let v = try number(.minLearningRate, 0, 10) { minLearningRate = v }
        if let v = try number(.pctStart, 0, 1, openLow: true, openHigh: true) { pctStart = v }
        if let v = try number(.divFactor, 1, 1e12) { divFactor = v }
        if let v = try number(.finalDivFactor, 1, 1e12) { finalDivFactor = v }
        if let v = try c.decodeIfPresent(Bool.self, forKey: .cycleMomentum) { cycleMomentum = v }
        if let v = try choice(.loss, LossKind.self) { loss = v }
        if let v = try number(.labelSmoothing, 0, 1, openHigh: true) { labelSmoothing = v }
        if let v = try choice(.optimizer, OptimizerKind.self) { optimizer = v }
        momentum = try number(.momentum, 0, 1, openHigh: true)
        if let v = try c.decodeIfPresent(Bool.self, forKey: .nesterov) { nesterov = v }
        if let v = try number(.beta1, 0, 1, openHigh: true) { beta1 = v }
        if let v = try number(.beta2, 0, 1, openHigh: true) { beta2 = v }
        if let v = try number(.epsilon, 0, 1, openLow: true) { epsilon = v }
        if let v = try number(.rho, 0, 1, openHigh: true) { rho = v }
        weightDecay = try number(.weightDecay, 0, 10)
        if let v = try number(.l1, 0, 10) { l1 = v }
        if let v = try number(.l2, 0, 10) { l2 = v }
        if let v = try number(.dropout, 0, 0.99) { dropout = v }
        earlyStoppingPatience = try integer(.earlyStoppingPatience, 0...100_000).flatMap { $0 == 0 ? nil : $0 }
        if let v = try integer(.randomShift, 0...1 << 20) { randomShift = v }
        if let word = try c.decodeIfPresent(String.self, forKey: .initialization) {
            guard let value = WeightInitialization(name: word) else {
                throw DecodingError.dataCorruptedError(forKey: .initialization, in: c, debugDescription: "expected one of \(WeightInitialization.allCases.map(\.rawValue).joined(separator: ", ")) (or the xavier_/kaiming_ spellings), found \"\(word)\"")
            }
            initialization = value
        }
        if let v = try choice(.architecture, ArchitectureKind.self) { architecture = v }
        if let v = try integer(.layers, 0...256) { layers = v }
        if let v = try integer(.width, 1...1 << 16) { width = v }
        widths = try c.decodeIfPresent([Int].self, forKey: .widths)
        if let widths, !widths.allSatisfy({ (1...(1 << 16)).contains($0) }) {
            throw DecodingError.dataCorruptedError(forKey: .widths, in: c, debugDescription: "expected integers in [1, 65536]")
        }
        if let v = try choice(.activation, ActivationKind.self) { activation = v }
        if let v = try c.decodeIfPresent(Bool.self, forKey: .batchNorm) { batchNorm = v }
        if let v = try integer(.kernel, 1...1024) { kernel = v }
        if let v = try c.decodeIfPresent(Bool.self, forKey: .dilated) { dilated = v }
        if let v = try choice(.pooling, PoolingChoice.self) { pooling = v }
        if let v = try choice(.head, HeadKind.self) { head = v }
        inputShape = try c.decodeIfPresent([Int].self, forKey: .inputShape)
        if let inputShape, inputShape.isEmpty || !inputShape.allSatisfy({ $0 >= 1 }) {
            throw DecodingError.dataCorruptedError(forKey: .inputShape, in: c, debugDescription: "expected positive extents")
        }
        model = try c.decodeIfPresent(ModelDescription.self, forKey: .model)
        weightBits = try c.decodeIfPresent(WeightBits.self, forKey: .weightBits)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seed & UInt64(Int64.max), forKey: .seed)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(schedule, forKey: .schedule)
        try c.encode(stepSize, forKey: .stepSize)
        try c.encodeIfPresent(gamma, forKey: .gamma)
        try c.encode(warmupEpochs, forKey: .warmupEpochs)
        try c.encode(minLearningRate, forKey: .minLearningRate)
        try c.encode(pctStart, forKey: .pctStart)
        try c.encode(divFactor, forKey: .divFactor)
        try c.encode(finalDivFactor, forKey: .finalDivFactor)
        try c.encode(cycleMomentum, forKey: .cycleMomentum)
        try c.encode(loss, forKey: .loss)
        try c.encode(labelSmoothing, forKey: .labelSmoothing)
        try c.encode(optimizer, forKey: .optimizer)
        try c.encodeIfPresent(momentum, forKey: .momentum)
        try c.encode(nesterov, forKey: .nesterov)
        try c.encode(beta1, forKey: .beta1)
        try c.encode(beta2, forKey: .beta2)
        try c.encode(epsilon, forKey: .epsilon)
        try c.encode(rho, forKey: .rho)
        try c.encodeIfPresent(weightDecay, forKey: .weightDecay)
        try c.encode(l1, forKey: .l1)
        try c.encode(l2, forKey: .l2)
        try c.encode(dropout, forKey: .dropout)
        try c.encodeIfPresent(earlyStoppingPatience, forKey: .earlyStoppingPatience)
        try c.encode(randomShift, forKey: .randomShift)
        try c.encode(initialization.rawValue, forKey: .initialization)
        try c.encode(architecture, forKey: .architecture)
        try c.encode(layers, forKey: .layers)
        try c.encode(width, forKey: .width)
        try c.encodeIfPresent(widths, forKey: .widths)
        try c.encode(activation, forKey: .activation)
        try c.encode(batchNorm, forKey: .batchNorm)
        try c.encode(kernel, forKey: .kernel)
        try c.encode(dilated, forKey: .dilated)
        try c.encode(pooling, forKey: .pooling)
        try c.encode(head, forKey: .head)
        try c.encodeIfPresent(inputShape, forKey: .inputShape)
        try c.encodeIfPresent(model, forKey: .model)
        try c.encodeIfPresent(weightBits, forKey: .weightBits)
    }
}
