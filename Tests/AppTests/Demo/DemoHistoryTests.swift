import Domain
import Foundation
import Persistence
import SQLKit
import Testing
@testable import Web

/// The demo's year of history must read like real work: what the dashboard and lists show of
/// it has to hang together, or a leader trying the system meets nonsense.
@Suite(.serialized) struct DemoHistoryTests {
    @Test func theDemosYearOfHistoryHangsTogether() async throws {
        try await withJingmin { app, _ in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE users SET username = 'fixture-admin' WHERE username = 'admin'").run()   // the demo brings its own
            _ = try await DemoBureau.load(app)
            func count(_ q: String) async throws -> Int { try await sql.raw(SQLQueryString(q)).first()!.decode(column: "n", as: Int.self) }

            // A year of visits, all in the past, spread over the months.
            #expect(try await count("SELECT COUNT(*) AS n FROM visits") > 7_000)
            let juzhang = try await app.store.credentials(username: "juzhang")!.account.caller(clientAddress: "t")
            let bureau = try await app.store.unit(code: DemoBureau.bureauCode, juzhang)
            let now = app.store.now(), cal = Calendar.shanghai
            let lastMonth = Period.month(of: cal.date(byAdding: .month, value: -1, to: now)!)
            let figures = try await app.store.figureCounts(FigureScope(unit: bureau, period: lastMonth), juzhang)
            #expect(figures.visits > 400 && figures.householdsVisited > 250 && figures.householdsVisited <= figures.households)
            #expect(figures.requestsReceived > 20 && figures.meetings == 6)

            // The dashboard's rollups (visits per day, households per month) agree with the visits themselves,
            // for the bureau and for each station compared, over a month, a quarter and a week.
            let stations = try await app.store.units(juzhang).filter { $0.parentID == bureau.id }
            let quarterStart = cal.date(byAdding: .month, value: -3, to: lastMonth.start)!
            for period in [lastMonth, Period(start: quarterStart, end: lastMonth.end), Period(start: lastMonth.start, end: cal.date(byAdding: .day, value: 7, to: lastMonth.start)!)] {
                let rolled = try await app.store.figureCounts(FigureScope(unit: bureau, period: period), comparing: stations, juzhang)
                let counted = try await app.store.figureCounts(FigureScope(unit: bureau, period: period), comparing: stations, juzhang, useRollups: false)
                #expect(rolled.total == counted.total && rolled.children == counted.children, "\(period)")
                #expect(rolled.children.map(\.visits).reduce(0, +) == rolled.total.visits && rolled.children.allSatisfy { $0.visits > 0 })
            }

            // Every request's timeline ends at the status the request is in, and every closed one was rated.
            let mismatched = try await count("""
                SELECT COUNT(*) AS n FROM requests r WHERE r.status <> (SELECT e.to_status FROM request_events e WHERE e.request_id = r.id ORDER BY e.at DESC, e.id DESC LIMIT 1)
                """)
            #expect(mismatched == 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM requests WHERE status = 'closed' AND (satisfaction IS NULL OR satisfaction = 'dissatisfied' OR closed_at IS NULL)") == 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM requests WHERE status = 'closed'") > 300)
            // A need found on a visit points at that visit and finding.
            #expect(try await count("SELECT COUNT(*) AS n FROM requests r JOIN visit_findings f ON f.id = r.finding_id AND f.visit_id = r.visit_id WHERE r.channel = 'visit'")
                    == (try await count("SELECT COUNT(*) AS n FROM requests WHERE channel = 'visit'")))
            // New records after the history get ids of their own (PostgreSQL's sequences moved on).
            let officer = try await app.store.credentials(username: "minjing")!.account.caller(clientAddress: "t")
            let r = try await app.store.createRequest(RequestInput(categoryCode: "other", description: "历史数据之后新建的诉求", gridID: try await app.store.unit(code: "DEMO-CG-JS-G1", juzhang).id, contactName: "张三"),
                                                      origin: RequestOrigin(channel: .hotline), officer)
            #expect(r.id == (try await count("SELECT MAX(id) AS n FROM requests")))
        }
    }
}
