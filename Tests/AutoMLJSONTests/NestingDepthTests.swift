import Testing
@testable import AutoMLJSON

@Suite("Nesting depth")
struct NestingDepthTests {
    private func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        var value = try JSON.parse(nested(5), maxDepth: 5)
        var levels = 0
        while let inner = value.arrayValue {
            levels += 1
            value = inner.first ?? .null
        }
        #expect(levels == 5)
    }

    @Test func refusesNestingBeyondTheLimitAtTheBracketThatCrossesIt() throws {
        let error = try #require(parseError(#"{"a": [{"b": [1]}]}"#, maxDepth: 3))
        #expect(error.message == "nesting is deeper than 3 levels")
        #expect(error.position == 13)
    }

    @Test func ignoresBracketsInsideStringsWhenLocating() throws {
        let error = try #require(parseError(#"["[[[\"[", [["x"]]]"#, maxDepth: 2))
        #expect(error.position == 12)
    }

    @Test func appliesTheDefaultLimit() throws {
        #expect(parseError(nested(JSON.defaultMaxDepth)) == nil)
        let error = try #require(parseError(nested(JSON.defaultMaxDepth + 1)))
        #expect(error.position == JSON.defaultMaxDepth)
    }

    @Test func maxDepthZeroAllowsOnlyScalars() {
        #expect(parseError("3", maxDepth: 0) == nil)
        #expect(parseError("[]", maxDepth: 0) != nil)
        #expect(parseError("{}", maxDepth: 0) != nil)
    }

    @Test func survivesAHundredThousandOpeningBrackets() throws {
        let error = try #require(parseError(String(repeating: "[", count: 100_000)))
        #expect(error.message == "nesting is deeper than \(JSON.defaultMaxDepth) levels")
        #expect(error.position == JSON.defaultMaxDepth)
    }

    @Test func survivesDeepObjectsWithALimitAboveJanssons() throws {
        let text = String(repeating: #"{"a":"#, count: 100_000)
        let error = try #require(parseError(text, maxDepth: 1_000_000))
        #expect(error.message == "nesting is deeper than 2048 levels")
        #expect(error.position == 2048 * 5)
    }

    @Test func convertsTheDeepestNestingJanssonAllows() throws {
        #expect(parseError(nested(2048), maxDepth: 5000) == nil)
    }
}
