import Testing
@testable import AutoMLNumerics

@Suite struct SobolSequenceTests {
    /// Reference values from SciPy 1.17 `qmc.Sobol(d, scramble=False, bits=52)`.
    @Test func unscrambledPointsMatchThePublishedSequence() throws {
        var sobol = try SobolSequence(dimension: 3)
        let expected: [[Double]] = [
            [0, 0, 0],
            [0.5, 0.5, 0.5],
            [0.75, 0.25, 0.25],
            [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625],
            [0.875, 0.875, 0.125],
            [0.625, 0.125, 0.875],
            [0.125, 0.625, 0.375],
        ]
        for point in expected { #expect(sobol.next() == point) }
    }

    @Test func dimensionsThirtySixToFortyMatchTheReference() throws {
        var sobol = try SobolSequence(dimension: 40)
        var points: [[Double]] = []
        for _ in 0..<14 { points.append(Array(sobol.next()[35..<40])) }
        #expect(points[9] == [0.9375, 0.6875, 0.3125, 0.8125, 0.0625])
        #expect(points[13] == [0.3125, 0.0625, 0.6875, 0.6875, 0.9375])
    }

    @Test func highDimensionsUseTheRecurrenceCorrectly() throws {
        // Index 5999 needs direction numbers beyond the degree-10 initial ones of dimensions 120-128.
        var sobol = try SobolSequence(dimension: 128)
        sobol.seek(to: 5999)
        #expect(Array(sobol.next()[120..<128]) == [
            0.9913330078125, 0.4229736328125, 0.2911376953125, 0.6783447265625,
            0.0496826171875, 0.3304443359375, 0.5391845703125, 0.6138916015625,
        ])
        sobol.seek(to: 1024)
        #expect(Array(sobol.next()[120..<128]) == [
            0.53076171875, 0.96630859375, 0.09326171875, 0.95068359375,
            0.14404296875, 0.79443359375, 0.20263671875, 0.71435546875,
        ])
    }

    @Test func everyTablePolynomialIsPrimitive() {
        var previousDegree = 1
        for (offset, row) in SobolDirectionNumbers.rows.enumerated() {
            let degree = Int(row[0])
            #expect(row.count == degree + 2, "dimension \(offset + 2)")
            #expect(degree >= previousDegree, "degrees are sorted")
            previousDegree = degree
            let polynomial = (UInt64(1) << UInt64(degree)) | (UInt64(row[1]) << 1) | 1
            #expect(Self.isPrimitive(polynomial, degree: degree), "dimension \(offset + 2)")
            for k in 0..<degree {
                let m = row[2 + k]
                #expect(m % 2 == 1 && m < (1 << (k + 1)), "dimension \(offset + 2), m\(k + 1)")
            }
        }
    }

    @Test func polynomialsAreDistinct() {
        let keys = SobolDirectionNumbers.rows.map { [$0[0], $0[1]] }
        #expect(Set(keys).count == keys.count)
    }

    @Test(arguments: [false, true])
    func firstPowerOfTwoPointsStratifyEveryCoordinate(scrambled: Bool) throws {
        var rng = SeededGenerator(seed: 11)
        var sobol = try SobolSequence(dimension: 12, scramble: scrambled, generator: &rng)
        let k = 7
        let n = 1 << k
        let points = (0..<n).map { _ in sobol.next() }
        for coordinate in 0..<12 {
            let cells = Set(points.map { Int($0[coordinate] * Double(n)) })
            #expect(cells.count == n, "coordinate \(coordinate)")
        }
    }

    @Test(arguments: [false, true])
    func firstTwoCoordinatesFormAZeroQualityNet(scrambled: Bool) throws {
        // Every elementary box of area 2^-6 ([i/2^a, (i+1)/2^a) x [j/2^b, (j+1)/2^b), a + b = 6)
        // holds exactly one of the first 64 points; the linear scramble must keep this.
        var rng = SeededGenerator(seed: 12)
        var sobol = try SobolSequence(dimension: 2, scramble: scrambled, generator: &rng)
        let points = (0..<64).map { _ in sobol.next() }
        for a in 0...6 {
            let b = 6 - a
            let boxes = Set(points.map { [Int($0[0] * Double(1 << a)), Int($0[1] * Double(1 << b))] })
            #expect(boxes.count == 64, "boxes of \(1 << a) x \(1 << b)")
        }
    }

    @Test func scrambledPointsLieInTheUnitCubeAndDifferFromTheOriginal() throws {
        var rng = SeededGenerator(seed: 5)
        var scrambled = try SobolSequence(dimension: 6, scramble: true, generator: &rng)
        var plain = try SobolSequence(dimension: 6)
        var differing = 0
        for _ in 0..<256 {
            let point = scrambled.next()
            #expect(point.allSatisfy { $0 >= 0 && $0 < 1 })
            if point != plain.next() { differing += 1 }
        }
        #expect(differing == 256)
    }

    @Test func scramblingIsDeterministicInTheSeed() throws {
        var a = SeededGenerator(seed: 99)
        var b = SeededGenerator(seed: 99)
        var c = SeededGenerator(seed: 100)
        var first = try SobolSequence(dimension: 4, scramble: true, generator: &a)
        var second = try SobolSequence(dimension: 4, scramble: true, generator: &b)
        var third = try SobolSequence(dimension: 4, scramble: true, generator: &c)
        var sameAsThird = 0
        for _ in 0..<32 {
            let point = first.next()
            #expect(point == second.next())
            if point == third.next() { sameAsThird += 1 }
        }
        #expect(sameAsThird == 0)
        #expect(a == b, "both generators consumed the same draws")
    }

    @Test func scramblingConsumesADocumentedNumberOfDraws() throws {
        var used = SeededGenerator(seed: 3)
        _ = try SobolSequence(dimension: 5, scramble: true, generator: &used)
        var reference = SeededGenerator(seed: 3)
        for _ in 0..<(5 * (SobolSequence.bits + 1)) { _ = reference.next() }
        #expect(used == reference)
        var untouched = SeededGenerator(seed: 3)
        _ = try SobolSequence(dimension: 5, scramble: false, generator: &untouched)
        #expect(untouched == SeededGenerator(seed: 3))
    }

    @Test func seekMatchesIteration() throws {
        var rng = SeededGenerator(seed: 8)
        var walked = try SobolSequence(dimension: 5, scramble: true, generator: &rng)
        var jumped = walked
        for _ in 0..<77 { _ = walked.next() }
        jumped.seek(to: 77)
        #expect(jumped.index == 77)
        #expect(jumped.next() == walked.next())
    }

    @Test func scrambledMeanIsNearOneHalf() throws {
        var rng = SeededGenerator(seed: 21)
        var sobol = try SobolSequence(dimension: 3, scramble: true, generator: &rng)
        var sums = [0.0, 0.0, 0.0]
        for _ in 0..<1024 {
            for (i, x) in sobol.next().enumerated() { sums[i] += x }
        }
        for sum in sums { #expect(abs(sum / 1024 - 0.5) < 0.002) }
    }

    @Test func unsupportedDimensionsThrowClearErrors() {
        #expect(throws: SobolError.dimensionTooSmall(0)) { try SobolSequence(dimension: 0) }
        let tooMany = SobolSequence.maxDimension + 1
        #expect(throws: SobolError.dimensionTooLarge(tooMany, maximum: SobolSequence.maxDimension)) {
            try SobolSequence(dimension: tooMany)
        }
        #expect(SobolSequence.maxDimension >= 40)
        #expect(
            SobolError.dimensionTooLarge(200, maximum: 128).description
                == "a Sobol sequence supports at most 128 dimensions (got 200); use random sampling for larger spaces")
    }

    // MARK: - Helpers

    /// Whether `polynomial` (bit i = coefficient of x^i) of the given degree is primitive over
    /// GF(2): x has multiplicative order exactly 2^degree - 1 modulo the polynomial.
    static func isPrimitive(_ polynomial: UInt64, degree: Int) -> Bool {
        let order = (UInt64(1) << UInt64(degree)) - 1
        func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
            var result: UInt64 = 0
            var a = a
            var b = b
            while b != 0 {
                if b & 1 == 1 { result ^= a }
                b >>= 1
                a <<= 1
                if a >> UInt64(degree) & 1 == 1 { a ^= polynomial }
            }
            return result
        }
        func power(_ exponent: UInt64) -> UInt64 {
            var result: UInt64 = 1
            var base: UInt64 = 2  // the polynomial x
            var e = exponent
            while e != 0 {
                if e & 1 == 1 { result = multiply(result, base) }
                base = multiply(base, base)
                e >>= 1
            }
            return result
        }
        if degree == 1 { return polynomial == 0b11 }
        guard power(order) == 1 else { return false }
        var n = order
        var p: UInt64 = 2
        var primeFactors: [UInt64] = []
        while p * p <= n {
            if n % p == 0 {
                primeFactors.append(p)
                while n % p == 0 { n /= p }
            }
            p += 1
        }
        if n > 1 { primeFactors.append(n) }
        return primeFactors.allSatisfy { power(order / $0) != 1 }
    }
}
