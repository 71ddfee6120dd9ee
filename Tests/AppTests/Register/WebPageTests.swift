import Domain
import Persistence
import Testing
import VaporTesting
@testable import Web

@Suite(.serialized) struct WebPageTests {
    @Test func anOfficerAddsAResidentThroughTheFormAndSeesItMasked() async throws {
        try await withJingmin { app, f in
            let web = try await WebSession.signedIn(app, "officerA")
            try await web.get("/households/\(f.householdA.id)/residents/new")
            let bad = try await web.post("/households/\(f.householdA.id)/residents/new", ["name": "张三", "gender": "male", "idNumber": "110105194912310021"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("身份证号：校验位不正确"))
            #expect(bad.body.string.contains("value=\"张三\""))   // what was typed is kept
            let ok = try await web.post("/households/\(f.householdA.id)/residents/new", ["name": "张三", "gender": "male", "idNumber": "110105195001010039", "tags[]": "veteran"])
            #expect(ok.status == .seeOther)
            let page = try await web.get(ok.headers.first(name: .location)!)
            #expect(page.body.string.contains("1101**********0039"))
            #expect(!page.body.string.contains("110105195001010039"))
            #expect(page.body.string.contains("老兵"))
        }
    }

    @Test func searchPageFindsByNameWithinJurisdictionOnly() async throws {
        try await withJingmin { app, _ in
            let web = try await WebSession.signedIn(app, "officerA")
            let mine = try await web.get("/search?q=%E9%83%AD")   // 郭
            #expect(mine.body.string.contains("郭秀英"))
            let foreign = try await web.get("/search?q=%E9%A9%AC%E5%BB%BA%E5%9B%BD")   // 马建国
            #expect(foreign.body.string.contains("没有找到"))
        }
    }

    @Test func theInterfaceIsChineseByDefaultAndSwitchesToEnglish() async throws {
        try await withJingmin { app, _ in
            let web = WebSession(app)
            let zh = try await web.get("/login")
            #expect(zh.body.string.contains("<html lang=\"zh-CN\">") && zh.body.string.contains("用户名"))
            let switched = try await web.get("/language/en?back=/login")
            #expect(switched.status == .seeOther)
            #expect(try await web.get("/login").body.string.contains("Username"))
            let offsite = try await web.get("/language/en?back=//evil.example")
            #expect(offsite.headers.first(name: .location) == "/")
        }
    }

    @Test func anAdministratorAddsAnAccountAndAWeakPasswordIsRefused() async throws {
        try await withJingmin { app, _ in
            let web = try await WebSession.signedIn(app, "admin")
            try await web.get("/users")
            let weak = try await web.post("/users", ["username": "newcop", "displayName": "新民警", "role": "officer", "unitCode": "SA-G", "password": "123"])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains("至少10位"))
            let ok = try await web.post("/users", ["username": "newcop", "displayName": "新民警", "role": "officer", "unitCode": "SA-G", "password": "a-long-pass-42"])
            #expect(ok.status == .seeOther)
            let signedIn = try await WebSession(app).signIn("newcop", password: "a-long-pass-42")
            #expect(signedIn.status == .seeOther)
        }
    }
}

@Suite(.serialized) struct AuxiliaryEditTests {
    @Test func anAuxiliaryEditsTagsWithoutSeeingOrLosingTheNumbers() async throws {
        try await withJingmin { app, f in
            let web = try await WebSession.signedIn(app, "auxA")
            let form = try await web.get("/residents/\(f.residentA.id)/edit")
            #expect(!form.body.string.contains(Fixture.idA))
            #expect(form.body.string.contains("placeholder=\"1101**********002X\""))
            let saved = try await web.post("/residents/\(f.residentA.id)/edit", ["name": "郭秀英", "gender": "female", "idNumber": "", "phone": "", "tags[]": "veteran"])
            #expect(saved.status == .seeOther)
            let cli = Caller.commandLine(user: "t")
            let after = try await app.store.resident(id: f.residentA.id, cli)
            #expect(after.tags == [.veteran])
            #expect(after.idNumberMasked == "1101**********002X" && after.phoneMasked == "138****5678")
            #expect(try await app.store.auditEntries(.init(action: "resident.reveal"), .commandLine(user: "t")).isEmpty)
        }
    }
}
