import AutoMLJSON
import Foundation

/// How one method's figures differ from a baseline's, pair by pair (the same seed run by both),
/// with the two tests a handful of noisy seeds allows: an exact sign test and the mean
/// difference with its standard error.
///
/// A benchmark over five or ten seeds is decided by a few pairs; counting wins alone hides how
/// many more would be expected by chance. The sign test asks only which of each pair is higher,
/// so it holds whatever the noise's distribution; the mean difference says by how much.
///
/// ```swift
/// let d = PairedDifference(pairs: [(0.99, 0.98), (0.985, 0.985), (0.97, 0.98)])
/// // d.wins == 1, d.ties == 1, d.losses == 1, d.signTestP == 1
/// ```
public struct PairedDifference: Sendable, Equatable {
    /// Pairs where the method's figure is higher (better when higher is better).
    public var wins: Int
    /// Pairs with equal figures; the sign test leaves them out.
    public var ties: Int
    /// Pairs where the method's figure is lower.
    public var losses: Int
    /// The mean of method minus baseline over the pairs.
    public var meanDifference: Double
    /// The standard error of `meanDifference` (the differences' sample standard deviation over
    /// the square root of their count); NaN with fewer than two pairs.
    public var standardError: Double
    /// The exact two-sided sign test: the probability, with wins and losses equally likely, of a
    /// split at least as uneven as this one. 1 when every pair is a tie.
    public var signTestP: Double

    public var pairs: Int { wins + ties + losses }

    /// - Parameter pairs: (method, baseline) figures, one pair per seed.
    public init(pairs: [(Double, Double)]) {
        let differences = pairs.map { $0 - $1 }
        wins = differences.filter { $0 > 0 }.count
        losses = differences.filter { $0 < 0 }.count
        ties = differences.count - wins - losses
        let n = Double(differences.count)
        meanDifference = differences.isEmpty ? .nan : differences.reduce(0, +) / n
        if differences.count > 1 {
            let mean = meanDifference
            let variance = differences.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
            standardError = (variance / n).squareRoot()
        } else {
            standardError = .nan
        }
        signTestP = Self.signTest(wins: wins, losses: losses)
    }

    /// Two-sided exact binomial test of `wins` against `losses` at p = 1/2:
    /// `min(1, 2 P(X <= min(wins, losses)))` with X ~ Binomial(wins + losses, 1/2).
    public static func signTest(wins: Int, losses: Int) -> Double {
        let n = wins + losses
        guard n > 0 else { return 1 }
        let k = min(wins, losses)
        // Each term C(n, i) / 2^n in log space, so that thousands of pairs do not overflow.
        let logHalfPower = Double(n) * log(0.5)
        var tail = 0.0
        for i in 0...k {
            tail += exp(lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1)) + logHalfPower)
        }
        return min(1, 2 * tail)
    }

    /// `{pairs, wins, ties, losses, meanDifference, standardError, signTestP}`; undefined
    /// figures (NaN) are `null`.
    public var json: JSONObject {
        func number(_ x: Double) -> JSON { x.isFinite ? .double(x) : .null }
        return ["pairs": .int(Int64(pairs)), "wins": .int(Int64(wins)), "ties": .int(Int64(ties)), "losses": .int(Int64(losses)),
                "meanDifference": number(meanDifference), "standardError": number(standardError), "signTestP": .double(signTestP)]
    }
}
