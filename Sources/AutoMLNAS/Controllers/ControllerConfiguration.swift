import AutoMLJSON

/// The shape and sampling settings of an `LSTMController`.
///
/// `temperature` divides the logits and `tanhConstant` squashes them to `C · tanh(logits / T)`:
/// ENAS (Pham et al. 2018) uses both to keep the controller from committing too early, so that
/// it keeps exploring; Zoph & Le use neither (both nil here).
public struct ControllerConfiguration: Sendable, Hashable {
    /// Width of the LSTM's hidden and cell states, and of the decision embeddings.
    public var hiddenSize: Int
    /// Logits are divided by it before the softmax (nil: 1).
    public var temperature: Double?
    /// Logits become `tanhConstant · tanh(logits)` (nil: no clipping).
    public var tanhConstant: Double?
    /// Parameters start uniform in `[-initRange, initRange]` (Zoph & Le: 0.08; ENAS: 0.1).
    public var initRange: Double

    public static let maxHiddenSize = 512

    public init(hiddenSize: Int = 32, temperature: Double? = nil, tanhConstant: Double? = nil, initRange: Double = 0.1) {
        self.hiddenSize = hiddenSize
        self.temperature = temperature
        self.tanhConstant = tanhConstant
        self.initRange = initRange
    }

    /// Checks the values, naming the offending option under `path` (`params.strategy.options`).
    public func validated(path: String) throws -> ControllerConfiguration {
        guard (1...Self.maxHiddenSize).contains(hiddenSize) else {
            throw JSONFieldError(path: "\(path).hiddenSize", reason: "expected an integer from 1 to \(Self.maxHiddenSize)")
        }
        if let temperature, !(temperature.isFinite && temperature > 0) {
            throw JSONFieldError(path: "\(path).temperature", reason: "expected a finite number > 0")
        }
        if let tanhConstant, !(tanhConstant.isFinite && tanhConstant > 0) {
            throw JSONFieldError(path: "\(path).tanhConstant", reason: "expected a finite number > 0")
        }
        guard initRange.isFinite && initRange > 0 && initRange <= 1 else {
            throw JSONFieldError(path: "\(path).initRange", reason: "expected a number in (0, 1]")
        }
        return self
    }
}
