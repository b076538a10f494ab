// Generated from openapi.json by openapi-typescript (npm run openapi): do not edit.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health of each dependency; 503 when one is down, or with code 'starting' while models load */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register a live stream (again: updates it and returns the same stream); with `source`, Qinglang pulls it */
        post: operations["StreamsController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stream, with the state of its pull when it has a source */
        get: operations["StreamsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update title, viewer count or status (live/ended); ending a stream stops its pull */
        patch: operations["StreamsController_update"];
        trace?: never;
    };
    "/v1/streams/external/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same as GET /v1/streams/{id}, for the stream by your own id for it (the `externalId` you registered, URL-encoded) */
        get: operations["StreamsController_getByExternalId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streams/{id}/source": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Pull the stream from this URL (HLS, HTTP-FLV or RTMP); the same URL again changes nothing */
        put: operations["StreamsController_setSource"];
        post?: never;
        /** Stop pulling the stream */
        delete: operations["StreamsController_removeSource"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streams/{streamId}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a segment (.ts, .mp4, .flv as multipart `file`) or give its `url`; answers 202 queued */
        post: operations["SegmentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A segment's status and its frames (a page of them) with what each model found: porn scores, on-screen text with its boxes, QR payloads, and the flags they joined */
        get: operations["SegmentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a self-media post: text, up to 9 `images`, an optional `video` (or `videoUrl`); 202 queued */
        post: operations["PostsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/posts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A post's status and its images' and video's frames (a page of them) with what each model found, and the flags they joined */
        get: operations["PostsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/posts/external/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same as GET /v1/posts/{id}, for the post by your own id for it (the `externalId` you sent, URL-encoded) */
        get: operations["PostsController_getByExternalId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streams/{streamId}/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A batch of chat (danmaku) lines, each with its time and sender; 202 queued */
        post: operations["BatchesController_chat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streams/{streamId}/transcripts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A batch of transcript lines (speech to text), each with its time and speaker; 202 queued */
        post: operations["BatchesController_transcript"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streams/{streamId}/tips": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A batch of tip (gift) events; 202 queued */
        post: operations["BatchesController_tips"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/text-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A chat or transcript batch's status and its lines (a page of them); once classified, each line's scores per category, evidence spans, entity-bank matches and the flags it joined */
        get: operations["BatchesController_getText"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tip-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A tip batch's status and its events (a page of them); once classified, the tip rules each event tripped and the flags it joined */
        get: operations["BatchesController_getTips"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/frames/{id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The JPEG kept as evidence for a sampled frame */
        get: operations["FramesController_image"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streams/{id}/frames": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stream's sampled frames in stream-time order; pass the returned cursor as `after` */
        get: operations["StreamFramesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/classify/text": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Scores, flagged categories and evidence spans for up to 100 texts, in order */
        post: operations["ClassifyTextController_classify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform's flags, newest first; page with `before=<last id>` */
        get: operations["FlagsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One flag with its evidence: frames with times, text spans, tip events */
        get: operations["FlagsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who this staff token belongs to: the console asks it to learn which views to show */
        get: operations["StaffController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook URL and its signing secret */
        get: operations["DeliveryController_getWebhook"];
        /** Set the URL that receives sanction events; answers the signing secret (HMAC-SHA256, header qinglang-signature: t=..,v1=..) */
        put: operations["DeliveryController_setWebhook"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret; the old one stops working at once */
        post: operations["DeliveryController_rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sanctions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sanction events (issued, expired, revoked, lifted) after `since`, in order; pass the returned cursor next time */
        get: operations["DeliveryController_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform's webhook deliveries, newest first; `status=failed` lists those that kept failing */
        get: operations["DeliveryController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again from scratch (after fixing the endpoint) */
        post: operations["DeliveryController_replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sanctions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sanction with its statement of reasons */
        get: operations["SanctionsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sanctions/{id}/appeals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the account's appeal against a sanction (one per sanction, within the appeal window) */
        post: operations["SanctionsController_appeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appeals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An appeal and where it stands (pending, upheld or revoked) */
        get: operations["SanctionsController_getAppeal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{externalId}/identity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Tell Qinglang which person is behind an account (a hash of the real-name identity); a delisted person's new account raises a ban-evasion flag */
        put: operations["SanctionsController_identity"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open flags by priority, with who holds each and how long it has waited */
        get: operations["ReviewController_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reason codes to confirm each category with, to reject and to escalate */
        get: operations["ReviewController_reasons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim the next flag (or get back the one you hold); `flag` is null when the queue is empty */
        post: operations["ReviewController_claimNext"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/flags/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim this flag (for the claim time of the policy); 409 when someone else holds it */
        post: operations["ReviewController_claim"];
        /** Give back a flag you hold, undecided */
        delete: operations["ReviewController_release"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/flags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A flag with its evidence (frames with times, text with spans, tips on a timeline), decisions and the account history */
        get: operations["ReviewController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/flags/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm (category + reason code), reject (reason code) or escalate a flag you hold */
        post: operations["ReviewController_decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/frames/{id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The JPEG of a frame that is evidence of a flag */
        get: operations["ReviewController_frame"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/appeals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Appeals (pending by default), each with the sanction it is about and who decided that sanction */
        get: operations["ReviewController_listAppeals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/appeals/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Uphold or revoke the sanction an appeal is about (senior reviewers) */
        post: operations["ReviewController_decideAppeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/bank": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Banked contacts, links, domains and QR payloads (in force; `includeRemoved=true` for all) */
        get: operations["EntityBankController_list"];
        put?: never;
        /** Bank a confirmed entity: any later text, on-screen text or QR code carrying it is evidence */
        post: operations["EntityBankController_add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/bank/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take an entry out of force (kept, with who removed it and why) */
        delete: operations["EntityBankController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/bank/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The entries in force as JSON lines */
        get: operations["EntityBankController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/review/bank/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import JSON lines (all checked before any is written); values already banked are counted */
        post: operations["EntityBankController_importLines"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute the hash chain and the signed checkpoints; names the first entry that does not match */
        get: operations["AuditController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest signed checkpoints and the public key that verifies them (Ed25519) */
        get: operations["AuditController_checkpoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/sanctions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sanctions of every platform, newest first, with their statements of reasons; page with `before=<next>` */
        get: operations["ComplianceSanctionsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Flags of every platform, newest first (from/to on the opening time); page with `before=<next>` */
        get: operations["ComplianceRecordsController_flags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reviewers' decisions, newest first, with the reviewer's name and role (from/to on the decision time) */
        get: operations["ComplianceRecordsController_decisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/accounts/{accountId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account by Qinglang's id (platform, the platform's id for it) with its flags, decisions, sanctions, appeals and the audit entries about them, in time order */
        get: operations["AccountHistoryController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/platforms/{platformId}/accounts/{externalId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same history, for the account a platform knows by its own id (`externalId`, URL-encoded): what a platform's complaint or a regulator's request names */
        get: operations["AccountHistoryController_byExternalId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook deliveries of every platform, newest first; `status=failed` lists those that gave up */
        get: operations["ComplianceDeliveriesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/deliveries/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again from scratch (after the platform fixed its endpoint); the replay is audited */
        post: operations["ComplianceDeliveriesController_replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/exports/sanctions.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every sanction matching the filters of GET /v1/compliance/sanctions, newest first, as CSV (streamed) */
        get: operations["SanctionExportController_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/exports/sanctions.jsonl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same as the CSV export, one JSON sanction (as in the list) per line (streamed) */
        get: operations["SanctionExportController_jsonl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/reports/transparency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Transparency report over [from, to): sanctions by category and action, automated or not, median delays, appeals and reversals, flags */
        get: operations["TransparencyReportController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        HealthResponse: {
            /** @enum {string} */
            status: "ok";
            /**
             * @description The checks that are up
             * @example {
             *       "database": {
             *         "status": "up",
             *         "type": "sqlite"
             *       },
             *       "queue": {
             *         "status": "up",
             *         "driver": "in-process"
             *       }
             *     }
             */
            info: {
                [key: string]: {
                    /** @enum {string} */
                    status: "up" | "down";
                } & {
                    [key: string]: unknown;
                };
            };
            /**
             * @description The checks that are down
             * @example {}
             */
            error: {
                [key: string]: {
                    /** @enum {string} */
                    status: "up" | "down";
                } & {
                    [key: string]: unknown;
                };
            };
            /**
             * @description Every check
             * @example {
             *       "database": {
             *         "status": "up",
             *         "type": "sqlite"
             *       },
             *       "queue": {
             *         "status": "up",
             *         "driver": "in-process"
             *       }
             *     }
             */
            details: {
                [key: string]: {
                    /** @enum {string} */
                    status: "up" | "down";
                } & {
                    [key: string]: unknown;
                };
            };
        };
        HealthUnavailableResponse: {
            /**
             * @description `starting` while only the models are loading (the API serves meanwhile); `unavailable` when a dependency is down
             * @enum {string}
             */
            code: "starting" | "unavailable";
            message: string;
            /** @enum {string} */
            status: "starting" | "error";
            /** @description The checks that are up */
            info: {
                [key: string]: {
                    /** @enum {string} */
                    status: "up" | "down";
                } & {
                    [key: string]: unknown;
                };
            };
            /**
             * @description The checks that are down, each with why
             * @example {
             *       "models": {
             *         "status": "down",
             *         "message": "loading"
             *       }
             *     }
             */
            error: {
                [key: string]: {
                    /** @enum {string} */
                    status: "up" | "down";
                } & {
                    [key: string]: unknown;
                };
            };
            /** @description Every check */
            details: {
                [key: string]: {
                    /** @enum {string} */
                    status: "up" | "down";
                } & {
                    [key: string]: unknown;
                };
            };
        };
        StreamSourceDto: {
            /**
             * @description Where Qinglang pulls the live stream: HLS (….m3u8), HTTP-FLV (….flv) or RTMP(S)
             * @example https://cdn.example.com/live/room-8812/index.m3u8
             */
            url: string;
        };
        RegisterStreamDto: {
            /**
             * @description The platform's own id for the stream
             * @example room-8812-2026-11-24
             */
            externalId: string;
            /**
             * @description The platform's id of the streamer's account
             * @example user-31337
             */
            streamerId: string;
            /** @example 今晚一起聊天 */
            title?: string;
            /** @example 1200 */
            viewerCount?: number;
            /** @enum {string} */
            status?: "live" | "ended";
            /** @description Pull the stream by URL instead of uploading segments */
            source?: components["schemas"]["StreamSourceDto"];
        };
        SamplingResponse: {
            /** @enum {string} */
            tier: "open_flag" | "strikes" | "large_audience" | "default";
            intervalSeconds: number;
        };
        StreamSourceResponse: {
            url: string;
            /** @enum {string} */
            protocol: "hls" | "flv" | "rtmp";
            /** @enum {string} */
            state: "pending" | "pulling" | "reconnecting" | "ended" | "failed";
            framesSampled: number;
            /** Format: date-time */
            lastFrameAt: string | null;
            piecesPulled: number;
            /** @description How far into the stream the pull has come */
            streamTimeMs: number;
            /** Format: date-time */
            lastPieceAt: string | null;
            lastError: string | null;
            sampling: components["schemas"]["SamplingResponse"] | null;
            /** @description The worker holding the pull (opaque) */
            worker: string | null;
            /** Format: date-time */
            endedAt: string | null;
        };
        StreamResponse: {
            id: string;
            /** @description The platform's id of the stream */
            externalId: string;
            /** @description The platform's id of the streamer */
            streamerId: string;
            title: string;
            viewerCount: number;
            /** @enum {string} */
            status: "live" | "ended";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description When Qinglang pulls the stream */
            source?: components["schemas"]["StreamSourceResponse"];
        };
        UpdateStreamDto: {
            title?: string;
            viewerCount?: number;
            /** @enum {string} */
            status?: "live" | "ended";
        };
        SegmentUploadBody: {
            /**
             * @description The segment's start within the stream, in ms
             * @example 60000
             */
            startOffsetMs?: number;
            /** @description Fetch the segment from this http(s) URL instead of uploading it */
            url?: string;
            /**
             * Format: binary
             * @description The segment (.ts, .mp4, .flv); or give `url`
             */
            file: string;
        };
        CreateSegmentDto: {
            /**
             * @description The segment's start within the stream, in ms
             * @example 60000
             */
            startOffsetMs?: number;
            /** @description Fetch the segment from this http(s) URL instead of uploading it */
            url?: string;
        };
        ItemFailureResponse: {
            /** @example media_unreadable */
            code: string | null;
            reason: string | null;
        };
        SegmentSourceResponse: {
            /** @enum {string} */
            type: "upload" | "url" | "pull";
            url?: string | null;
            originalName?: string | null;
            sizeBytes?: number | null;
        };
        MediaDeletedResponse: {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            by: "retention";
            /** @example media deleted by retention */
            message: string;
        };
        ModelRefItemResponse: {
            name: string;
            version: string;
        };
        OverlayReadResponse: {
            text: boolean;
            qr: boolean;
        };
        FrameBoxResponse: {
            x: number;
            y: number;
            width: number;
            height: number;
        };
        OcrLineResponse: {
            /**
             * @description The part of the frame it was read in
             * @example banner
             */
            region: string;
            text: string;
            confidence: number;
            /** @description Pixels of the frame */
            box: components["schemas"]["FrameBoxResponse"];
        };
        QrPayloadResponse: {
            data: string;
            url: string | null;
            host: string | null;
            box: components["schemas"]["FrameBoxResponse"];
        };
        FrameOverlayResponse: {
            /** @description Which readers ran on this frame */
            read: components["schemas"]["OverlayReadResponse"];
            lines: components["schemas"]["OcrLineResponse"][];
            qrCodes: components["schemas"]["QrPayloadResponse"][];
        };
        TextRangeResponse: {
            /**
             * @description UTF-16 offset of the first unit
             * @example 3
             */
            start: number;
            /**
             * @description UTF-16 offset after the last unit
             * @example 7
             */
            end: number;
        };
        TextSpanResponse: {
            category: string;
            span: components["schemas"]["TextRangeResponse"];
            text: string;
            /** @description The lexicon term, pattern or combination */
            rule: string;
            weight: number;
        };
        TextFindingsResponse: {
            model: components["schemas"]["ModelRefItemResponse"];
            /**
             * @example {
             *       "gambling": 0.93,
             *       "porn": 0.01,
             *       "tipping": 0
             *     }
             */
            scores: {
                [key: string]: number;
            };
            spans: components["schemas"]["TextSpanResponse"][];
        };
        BankMatchResponse: {
            entryId: string;
            /** @example qq_group */
            kind: string;
            value: string;
            category: string;
        };
        FlagLinkResponse: {
            id: string;
            category: string;
            /** @enum {string} */
            status: "open" | "closed";
            reviewState: string;
            /**
             * @description Where to read the flag
             * @example /v1/flags/0b6f…
             */
            url: string;
        };
        FrameResultResponse: {
            id: string;
            /** @example segment */
            source: string;
            positionMs: number;
            streamTimeMs: number | null;
            /** @example classified */
            status: string;
            /** @description The frame this one nearly repeats */
            duplicateOf: string | null;
            duplicateDistance: number | null;
            perceptualHash: string;
            width: number;
            height: number;
            /** @example /v1/frames/…/image */
            imageUrl: string;
            /**
             * Format: date-time
             * @description When retention deleted the evidence JPEG (the image route then answers 410 media_deleted_by_retention); the frame's record and scores stay
             */
            imageDeletedAt: string | null;
            /**
             * @description The porn model's score per class (drawing, hentai, neutral, porn, sexy)
             * @example {
             *       "gambling": 0.93,
             *       "porn": 0.01,
             *       "tipping": 0
             *     }
             */
            scores: {
                [key: string]: number;
            } | null;
            topLabel: string | null;
            model: components["schemas"]["ModelRefItemResponse"] | null;
            /** @description On-screen text and QR codes, when this frame was read for them; null when it was not */
            overlay: components["schemas"]["FrameOverlayResponse"] | null;
            /** @description The text model over the on-screen text */
            text: components["schemas"]["TextFindingsResponse"] | null;
            bank: components["schemas"]["BankMatchResponse"][];
            flags: components["schemas"]["FlagLinkResponse"][];
        };
        FrameSummaryResponse: {
            framesSampled: number;
            framesClassified: number;
            nearDuplicates: number;
        };
        ItemPageResponse: {
            offset: number;
            limit: number;
            total: number;
            /** @description null on the last page */
            nextOffset: number | null;
        };
        FrameResultsResponse: {
            frames: components["schemas"]["FrameResultResponse"][];
            summary: components["schemas"]["FrameSummaryResponse"];
            page: components["schemas"]["ItemPageResponse"];
            /** @description Every flag the item joined, once: over all its frames, not only the page's */
            flags: components["schemas"]["FlagLinkResponse"][];
        };
        SegmentResponse: {
            /** @enum {string} */
            status: "queued" | "processing" | "classified" | "failed";
            /**
             * @description The finer step behind `status`
             * @enum {string}
             */
            stage: "queued" | "sampling" | "sampled" | "classifying" | "flagging" | "classified" | "failed";
            /** @description Only when failed */
            failure: components["schemas"]["ItemFailureResponse"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            id: string;
            /** @enum {string} */
            kind: "segment";
            streamId: string;
            startOffsetMs: number;
            durationMs: number | null;
            source: components["schemas"]["SegmentSourceResponse"];
            /** @description Set once retention deleted the item's media (files and frame images, see config/policy.yaml retention); its records and results stay */
            mediaDeleted: components["schemas"]["MediaDeletedResponse"] | null;
            /** @description On GET: the frames and what was found */
            results?: components["schemas"]["FrameResultsResponse"];
        };
        PostUploadBody: {
            /** @description The platform's id for the post */
            externalId: string;
            /** @description The platform's id of the author's account */
            authorId: string;
            /** @description The text of the post */
            text?: string;
            /** @description A video to fetch instead of uploading one */
            videoUrl?: string;
            /** @description Up to 9 images (JPEG, PNG, WebP, GIF) */
            images?: string[];
            /**
             * Format: binary
             * @description A video; or give `videoUrl`
             */
            video?: string;
        };
        CreatePostDto: {
            /** @description The platform's id for the post */
            externalId: string;
            /** @description The platform's id of the author's account */
            authorId: string;
            /** @description The text of the post */
            text?: string;
            /** @description A video to fetch instead of uploading one */
            videoUrl?: string;
        };
        PostMediaResponse: {
            position: number;
            /** @example image */
            kind: string;
            originalName: string | null;
            sizeBytes: number;
        };
        LineResultsResponse: {
            /**
             * @description The text model's scores per category; null only with scoredBy null
             * @example {
             *       "gambling": 0.93,
             *       "porn": 0.01,
             *       "tipping": 0
             *     }
             */
            scores: {
                [key: string]: number;
            } | null;
            spans: components["schemas"]["TextSpanResponse"][];
            model: components["schemas"]["ModelRefItemResponse"] | null;
            /**
             * @description stored: kept with the signal flags are built from (the text reached some category's evidence threshold); recomputed: scored by the running text model when read (it reached none: kept nowhere, behind no flag); null: no scores (the model not loaded yet, no text, or the line past the 60,000 characters one read scores again: ask a smaller page)
             * @enum {string|null}
             */
            scoredBy: "stored" | "recomputed" | null;
            bank: components["schemas"]["BankMatchResponse"][];
            flags: components["schemas"]["FlagLinkResponse"][];
        };
        PostResultsResponse: {
            frames: components["schemas"]["FrameResultResponse"][];
            summary: components["schemas"]["FrameSummaryResponse"];
            page: components["schemas"]["ItemPageResponse"];
            /** @description Every flag the item joined, once: over all its frames, not only the page's */
            flags: components["schemas"]["FlagLinkResponse"][];
            /** @description What the text model and the bank found in the post's text */
            text: components["schemas"]["LineResultsResponse"];
        };
        PostResponse: {
            /** @enum {string} */
            status: "queued" | "processing" | "classified" | "failed";
            /**
             * @description The finer step behind `status`
             * @enum {string}
             */
            stage: "queued" | "sampling" | "sampled" | "classifying" | "flagging" | "classified" | "failed";
            /** @description Only when failed */
            failure: components["schemas"]["ItemFailureResponse"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            id: string;
            /** @enum {string} */
            kind: "post";
            /** @description The platform's id of the post */
            externalId: string;
            /** @description The platform's id of the author */
            authorId: string;
            text: string;
            videoUrl: string | null;
            media: components["schemas"]["PostMediaResponse"][];
            /** @description Set once retention deleted the item's media (files and frame images, see config/policy.yaml retention); its records and results stay */
            mediaDeleted: components["schemas"]["MediaDeletedResponse"] | null;
            /** @description On GET: the frames, the text and what was found */
            results?: components["schemas"]["PostResultsResponse"];
        };
        LineDto: {
            /**
             * @description When the line was sent or spoken (ISO 8601)
             * @example 2026-11-24T12:00:03.120Z
             */
            at: string;
            /** @description Sender's (or speaker's) account id on the platform */
            senderId?: string;
            /** @example 主播好！ */
            text: string;
        };
        LineBatchDto: {
            lines: components["schemas"]["LineDto"][];
        };
        TextLineResponse: {
            id: string;
            position: number;
            /** Format: date-time */
            at: string;
            senderId: string | null;
            text: string;
            /**
             * @description Once classified
             * @example {
             *       "gambling": 0.93,
             *       "porn": 0.01,
             *       "tipping": 0
             *     }
             */
            scores?: {
                [key: string]: number;
            } | null;
            spans?: components["schemas"]["TextSpanResponse"][];
            model?: components["schemas"]["ModelRefItemResponse"] | null;
            /**
             * @description Once classified. stored: kept with the signal flags are built from (the text reached some category's evidence threshold); recomputed: scored by the running text model when read (it reached none: kept nowhere, behind no flag); null: no scores (the model not loaded yet, no text, or the line past the 60,000 characters one read scores again: ask a smaller page)
             * @enum {string|null}
             */
            scoredBy?: "stored" | "recomputed" | null;
            bank?: components["schemas"]["BankMatchResponse"][];
            flags?: components["schemas"]["FlagLinkResponse"][];
        };
        BatchResultsResponse: {
            /** @description Lines or events whose scores are stored (they reached an evidence threshold) */
            scored: number;
            flags: components["schemas"]["FlagLinkResponse"][];
            page: components["schemas"]["ItemPageResponse"];
            note?: string;
        };
        TextBatchResponse: {
            /** @enum {string} */
            status: "queued" | "processing" | "classified" | "failed";
            /**
             * @description The finer step behind `status`
             * @enum {string}
             */
            stage: "queued" | "sampling" | "sampled" | "classifying" | "flagging" | "classified" | "failed";
            /** @description Only when failed */
            failure: components["schemas"]["ItemFailureResponse"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            id: string;
            /** @enum {string} */
            kind: "chat" | "transcript";
            streamId: string;
            lineCount: number;
            /** @description On GET: a page of the lines */
            lines?: components["schemas"]["TextLineResponse"][];
            /** @description Once classified */
            results?: components["schemas"]["BatchResultsResponse"];
        };
        TipDto: {
            tipperId: string;
            /**
             * @description The tipper's age band as the platform knows it
             * @enum {string}
             */
            ageBand: "minor" | "adult" | "unknown";
            /**
             * @description A positive decimal amount as a string
             * @example 52.00
             */
            amount: string;
            /** @example CNY */
            currency: string;
            /** @example 火箭 */
            giftName?: string;
            /** @example 2026-11-24T12:00:05.000Z */
            at: string;
        };
        TipBatchDto: {
            events: components["schemas"]["TipDto"][];
        };
        TipRuleResponse: {
            /** @example minor_tipping */
            rule: string;
            score: number;
            explanation: string;
            relatedTipIds: string[];
        };
        TipEventResponse: {
            id: string;
            position: number;
            tipperId: string;
            /** @enum {string} */
            ageBand: "minor" | "adult" | "unknown";
            /** @example 88.00 */
            amount: string;
            /** @example CNY */
            currency: string;
            giftName: string | null;
            /** Format: date-time */
            at: string;
            /** @description Once classified */
            score?: number | null;
            rules?: components["schemas"]["TipRuleResponse"][];
            model?: components["schemas"]["ModelRefItemResponse"] | null;
            flags?: components["schemas"]["FlagLinkResponse"][];
        };
        TipBatchResponse: {
            /** @enum {string} */
            status: "queued" | "processing" | "classified" | "failed";
            /**
             * @description The finer step behind `status`
             * @enum {string}
             */
            stage: "queued" | "sampling" | "sampled" | "classifying" | "flagging" | "classified" | "failed";
            /** @description Only when failed */
            failure: components["schemas"]["ItemFailureResponse"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            id: string;
            /** @enum {string} */
            kind: "tips";
            streamId: string;
            eventCount: number;
            /** @description On GET: a page of the events */
            events?: components["schemas"]["TipEventResponse"][];
            /** @description Once classified */
            results?: components["schemas"]["BatchResultsResponse"];
        };
        FrameSourceRefResponse: {
            /**
             * @description segment, pull or post
             * @example segment
             */
            kind: string;
            id: string;
        };
        StreamFrameResponse: {
            id: string;
            streamTimeMs: number | null;
            source: components["schemas"]["FrameSourceRefResponse"];
            /** @example classified */
            status: string;
            /** @description The frame this one nearly repeats */
            duplicateOf: string | null;
            width: number;
            height: number;
            /** @example /v1/frames/…/image */
            imageUrl: string;
            /**
             * Format: date-time
             * @description When retention deleted the evidence JPEG (the image route then answers 410 media_deleted_by_retention); the frame's record and scores stay
             */
            imageDeletedAt: string | null;
            /** Format: date-time */
            sampledAt: string;
        };
        StreamFramesResponse: {
            frames: components["schemas"]["StreamFrameResponse"][];
            /** @description The stream time of the last frame: pass it as `after` for the next page */
            cursor: number | null;
        };
        TextToCheckDto: {
            /** @description The caller's id for the text, echoed back */
            id?: string;
            /** @example 加微信带你上岸，百家乐包赢 */
            text: string;
        };
        ClassifyTextDto: {
            texts: components["schemas"]["TextToCheckDto"][];
        };
        TextModelResponse: {
            name: string;
            version: string;
        };
        SpanResponse: {
            /** @description Index of the first character */
            start: number;
            /** @description Index after the last character */
            end: number;
        };
        EvidencePartResponse: {
            span: components["schemas"]["SpanResponse"];
            text: string;
            rule: string;
        };
        TextEvidenceResponse: {
            /** @enum {string} */
            category: "gambling" | "porn" | "tipping";
            span: components["schemas"]["SpanResponse"];
            /** @description The original text under the span */
            text: string;
            /**
             * @description The lexicon entry or rule
             * @example qinglang:gambling:百家乐
             */
            rule: string;
            weight: number;
            /** @description For a combination: the spans of its parts */
            parts?: components["schemas"]["EvidencePartResponse"][];
        };
        TextResultResponse: {
            /** @description The id sent with the text, or null */
            id: string | null;
            /**
             * @example {
             *       "gambling": 0.97,
             *       "porn": 0,
             *       "tipping": 0
             *     }
             */
            scores: {
                [key: string]: number;
            };
            /** @description Categories at or over the policy's threshold */
            flagged: ("gambling" | "porn" | "tipping")[];
            evidence: components["schemas"]["TextEvidenceResponse"][];
        };
        ClassifyTextResponse: {
            model: components["schemas"]["TextModelResponse"];
            /** @description One per text, in the order sent */
            results: components["schemas"]["TextResultResponse"][];
        };
        SubjectRefResponse: {
            /** @enum {string} */
            kind: "stream" | "post" | "account" | "cluster";
            /** @description Qinglang's id of the stream, post, account or cluster */
            id: string;
        };
        AccountRefResponse: {
            /** @description Qinglang's id of the account */
            id: string;
            /** @description The platform's own id of the account */
            externalId: string | null;
        };
        FlagResponse: {
            id: string;
            /** @enum {string} */
            category: "gambling" | "porn" | "tipping" | "ban_evasion";
            /** @enum {string} */
            status: "open" | "closed";
            /** @enum {string} */
            reviewState: "pending" | "escalated" | "awaiting_second" | "confirmed" | "rejected" | "merged";
            /**
             * @description creator (the streamer's or author's conduct), viewer (one viewer's chat), cluster (a flood of senders), room
             * @enum {string}
             */
            party: "creator" | "viewer" | "cluster" | "room";
            subject: components["schemas"]["SubjectRefResponse"];
            /** @description The flag that settled this one, when it shared evidence */
            linkedTo: string | null;
            account: components["schemas"]["AccountRefResponse"];
            confidence: number;
            evidenceCount: number;
            modelVersions: string[];
            policyVersion: string;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            decidedAt: string | null;
        };
        FlagListResponse: {
            flags: components["schemas"]["FlagResponse"][];
            /** @description Pass as `before` for the next page; null on the last */
            next: string | null;
        };
        EvidenceSourceResponse: {
            /**
             * @description frame, frame_text, frame_qr, post_image, text_line, post_text, tip…
             * @example frame
             */
            kind: string;
            id: string;
        };
        ModelRefResponse: {
            /** @example nsfwjs */
            name: string;
            /** @example mobilenet_v2-1 */
            version: string;
        };
        EvidenceActorResponse: {
            /**
             * @description streamer, viewer, tipper or author
             * @example streamer
             */
            role: string | null;
            accountId: string | null;
        };
        OverlayRegionResponse: {
            /** @example banner */
            region: string;
            text: string;
            confidence: number;
            box: components["schemas"]["FrameBoxResponse"];
        };
        TextSpanPartResponse: {
            span: components["schemas"]["TextRangeResponse"];
            text: string;
            rule: string;
        };
        EvidenceTextSpanResponse: {
            /** @example gambling */
            category: string;
            span: components["schemas"]["TextRangeResponse"];
            /** @description The original text under the span */
            text: string;
            /**
             * @description The lexicon term, pattern or combination
             * @example qinglang:gambling:百家乐
             */
            rule: string;
            weight: number;
            /** @description A combination's parts */
            parts?: components["schemas"]["TextSpanPartResponse"][];
        };
        ContactEntityResponse: {
            /** @enum {string} */
            kind: "wechat" | "qq" | "telegram" | "phone" | "url" | "domain" | "qr";
            /** @example abc123 */
            value: string;
            /** @description Where it stands in the text; absent for QR payloads */
            span?: components["schemas"]["TextRangeResponse"];
        };
        EvidenceBankMatchResponse: {
            /** @description The bank entry the contact matched */
            entryId: string;
            /** @example wechat */
            kind: string;
            value: string;
            /** @example gambling */
            category: string;
            reason: string | null;
            span: components["schemas"]["TextRangeResponse"] | null;
        };
        EvidenceTipEventResponse: {
            /** @description The platform's id of the tipper */
            tipperId: string;
            /** @enum {string} */
            ageBand: "minor" | "adult" | "unknown";
            /**
             * @description A decimal string
             * @example 52.00
             */
            amount: string;
            /** @example CNY */
            currency: string;
            giftName: string | null;
            /** Format: date-time */
            at: string;
        };
        TipInducementResponse: {
            /** @description The signal of the chat or transcript line that induced the tips */
            signalId: string;
            text: string;
            /** @description Epoch milliseconds */
            at: number;
        };
        EvidenceTipRuleResponse: {
            /** @enum {string} */
            rule: "minor_tipper" | "tipper_over_cap" | "structuring" | "burst_after_inducement" | "linked_streams";
            score: number;
            explanation: string;
            relatedTipIds: string[];
            inducement: components["schemas"]["TipInducementResponse"] | null;
        };
        EvidenceDetailResponse: {
            /**
             * @description The signal's scores: per class (frames), per category (text), per rule (tips)
             * @example {
             *       "porn": 0.91,
             *       "sexy": 0.05,
             *       "neutral": 0.04
             *     }
             */
            scores?: {
                [key: string]: number;
            };
            /** @description Frames and their on-screen text: the frame */
            frameId?: string;
            /** @description Frames: milliseconds into the source (a post video or a stream segment) */
            positionMs?: number;
            /** @description Frames: what OCR and the QR search read */
            overlay?: components["schemas"]["FrameOverlayResponse"];
            /** @description On-screen text: the regions read */
            regions?: components["schemas"]["OverlayRegionResponse"][];
            /** @description On-screen text: the QR codes found */
            qrCodes?: components["schemas"]["QrPayloadResponse"][];
            /**
             * @description Text lines: which batch the line came in
             * @enum {string}
             */
            kind?: "chat" | "transcript";
            /** @description Chat lines: the platform's id of the sender */
            senderId?: string;
            /**
             * Format: date-time
             * @description Text lines: when it was said
             */
            at?: string;
            /** @description Text lines: when it was said, epoch milliseconds */
            atMs?: number;
            /** @description Text: the line, post text or on-screen text scored */
            text?: string;
            /** @description Text: why each category scored */
            spans?: components["schemas"]["EvidenceTextSpanResponse"][];
            /** @description Text: contacts and links found in it */
            entities?: components["schemas"]["ContactEntityResponse"][];
            /** @description Bank matches: the entries matched */
            bank?: components["schemas"]["EvidenceBankMatchResponse"][];
            /** @description Tips: the tip */
            event?: components["schemas"]["EvidenceTipEventResponse"];
            /** @description Tips: the rules it broke */
            rules?: components["schemas"]["EvidenceTipRuleResponse"][];
            /**
             * @description Rule flags and bank matches: the rule (bank:<entry id>,… for bank matches)
             * @example room_flooded
             */
            rule?: string;
            /** @description Room floods: the cluster of senders */
            clusterId?: string;
            /**
             * @description Room floods: why the room answers for the flood
             * @enum {string}
             */
            because?: "streamer_took_part" | "left_unchecked";
            /** @description Room floods: how many accounts sent its lines */
            senders?: number;
            /** @description Ban evasion: the delisted account */
            delistedAccountId?: string;
            /** @description Ban evasion: the delisted account's external id */
            delistedAccountExternalId?: string | null;
            /** @description Ban evasion: the delisting */
            delistingSanctionId?: string;
            /** @description Ban evasion: this account's external id */
            accountExternalId?: string | null;
            /**
             * @description Frames and their on-screen text: the frame's JPEG (GET with the platform's key)
             * @example /v1/frames/0192f0c4-0000-7000-8000-000000000000/image
             */
            imageUrl?: string;
        };
        EvidenceResponse: {
            source: components["schemas"]["EvidenceSourceResponse"];
            score: number;
            /** @description Time in the stream, when the subject is a stream */
            streamTimeMs: number | null;
            model: components["schemas"]["ModelRefResponse"];
            actor: components["schemas"]["EvidenceActorResponse"];
            /** @description What the model saw: scores per class, the text and its spans, the QR payloads, the tip facts */
            detail: components["schemas"]["EvidenceDetailResponse"];
        };
        FlagWithEvidenceResponse: {
            id: string;
            /** @enum {string} */
            category: "gambling" | "porn" | "tipping" | "ban_evasion";
            /** @enum {string} */
            status: "open" | "closed";
            /** @enum {string} */
            reviewState: "pending" | "escalated" | "awaiting_second" | "confirmed" | "rejected" | "merged";
            /**
             * @description creator (the streamer's or author's conduct), viewer (one viewer's chat), cluster (a flood of senders), room
             * @enum {string}
             */
            party: "creator" | "viewer" | "cluster" | "room";
            subject: components["schemas"]["SubjectRefResponse"];
            /** @description The flag that settled this one, when it shared evidence */
            linkedTo: string | null;
            account: components["schemas"]["AccountRefResponse"];
            confidence: number;
            evidenceCount: number;
            modelVersions: string[];
            policyVersion: string;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            decidedAt: string | null;
            evidence: components["schemas"]["EvidenceResponse"][];
        };
        StaffMeResponse: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "reviewer" | "senior_reviewer" | "compliance";
        };
        SetWebhookDto: {
            /** @example https://platform.example.com/qinglang/events */
            url: string;
        };
        WebhookResponse: {
            /** @example https://platform.example.com/qinglang/events */
            url: string;
            /**
             * @description The HMAC-SHA256 key of the `qinglang-signature: t=<unix seconds>,v1=<hex of HMAC(secret, "<t>.<body>")>` header
             * @example whsec_…
             */
            secret: string;
            /** @description Changes when the secret is rotated */
            secretId: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SanctionEventResponse: {
            id: string;
            /** @enum {string} */
            type: "sanction.issued" | "sanction.expired" | "sanction.revoked" | "sanction.lifted" | "sanction.replaced" | "sanction.appeal_upheld";
            /** @description Per platform, increasing in commit order: the cursor of the feed */
            sequence: number;
            /** Format: date-time */
            createdAt: string;
            /** @description The sanction as GET /v1/sanctions/{id} shows it; an upheld appeal adds its `appeal` */
            sanction: components["schemas"]["SanctionResponse"];
        };
        SanctionFeedResponse: {
            events: components["schemas"]["SanctionEventResponse"][];
            /** @description The sequence of the last event: pass it as `since` next time */
            cursor: number;
        };
        DeliveryResponse: {
            /** @description The event id */
            id: string;
            /** @enum {string} */
            type: "sanction.issued" | "sanction.expired" | "sanction.revoked" | "sanction.lifted" | "sanction.replaced" | "sanction.appeal_upheld";
            sequence: number;
            sanctionId: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /**
             * Format: date-time
             * @description While pending
             */
            nextAttemptAt: string | null;
            lastError: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        DeliveryListResponse: {
            deliveries: components["schemas"]["DeliveryResponse"][];
        };
        SanctionAccountResponse: {
            /** @description Qinglang's id of the account */
            id: string;
            /** @description The platform's own id of the account */
            externalId: string | null;
        };
        SanctionSubjectResponse: {
            /**
             * @description A cluster's subject is the room (its stream)
             * @enum {string}
             */
            kind: "stream" | "post" | "account";
            /** @description Qinglang's id of the stream, post or account */
            id: string;
            /** @description The platform's own id */
            externalId: string | null;
            /**
             * @description A stream's status when the sanction was issued
             * @example live
             */
            status?: string | null;
        };
        ContentActionResponse: {
            /** @enum {string} */
            kind: "cut_stream" | "take_down_post";
            /** @description For cut_stream */
            streamId?: string;
            /** @description For take_down_post */
            postId?: string;
            /** @description The platform's own id of the stream or post */
            externalId: string | null;
        };
        MonetaryActionResponse: {
            /** @enum {string} */
            kind: "freeze_tip_income";
            /**
             * Format: date-time
             * @description Tip income stays frozen until then
             */
            until: string;
        };
        StatementDecisionResponse: {
            /** @enum {string} */
            action: "warning" | "suspension" | "delisting" | "chat_mute" | "chat_ban" | "account_ban" | "stream_interruption";
            /** @example suspension for 7 days */
            summary: string;
            durationDays: number | null;
            /** Format: date-time */
            endsAt: string | null;
            interim: boolean;
            contentAction: components["schemas"]["ContentActionResponse"] | null;
            monetaryAction: components["schemas"]["MonetaryActionResponse"] | null;
        };
        StatementGroundResponse: {
            /** @example gambling */
            category: string;
            /** @example gambling_promotion */
            reasonCode: string;
            reasonLabel: string;
            policyVersion: string;
            /** @example Qinglang policy 2026-11-01, categories.gambling */
            policy: string;
        };
        StatementAccountResponse: {
            id: string;
            externalId: string | null;
        };
        StatementFlagResponse: {
            id: string;
            /** Format: date-time */
            openedAt: string;
            confidence: number;
            evidenceCount: number;
            modelVersions: string[];
        };
        StatementSourceResponse: {
            /** @example text_line */
            kind: string;
            id: string;
        };
        StatementEvidenceResponse: {
            source: components["schemas"]["StatementSourceResponse"];
            score: number;
            streamTimeMs: number | null;
            /**
             * @description name@version
             * @example qinglang-text@1
             */
            model: string;
            /** @description The line or on-screen text relied on */
            text?: string;
            /** @description Why each text category scored */
            spans?: components["schemas"]["EvidenceTextSpanResponse"][];
            /** @description Tip rules, for tip evidence */
            rules?: components["schemas"]["EvidenceTipRuleResponse"][];
        };
        StatementStrikeResponse: {
            /** @description Which strike in the window (1 = first) */
            number: number;
            windowDays: number;
        };
        StatementFactsResponse: {
            account: components["schemas"]["StatementAccountResponse"];
            subject: components["schemas"]["SanctionSubjectResponse"];
            flag: components["schemas"]["StatementFlagResponse"];
            /** @description The strongest evidence (at most 10) */
            evidence: components["schemas"]["StatementEvidenceResponse"][];
            /** @description null for an interim action */
            strike: components["schemas"]["StatementStrikeResponse"] | null;
        };
        StatementAutomationResponse: {
            detection: string;
            decision: string;
            automatedDecision: boolean;
        };
        StatementRedressResponse: {
            appeal: string;
            /**
             * Format: date-time
             * @description null for an interim action
             */
            appealDeadline: string | null;
        };
        StatementOfReasonsResponse: {
            decision: components["schemas"]["StatementDecisionResponse"];
            ground: components["schemas"]["StatementGroundResponse"];
            facts: components["schemas"]["StatementFactsResponse"];
            automation: components["schemas"]["StatementAutomationResponse"];
            redress: components["schemas"]["StatementRedressResponse"];
        };
        SanctionResponse: {
            id: string;
            /**
             * @description interim: taken before review (a stream interrupted)
             * @enum {string}
             */
            kind: "sanction" | "interim";
            /**
             * @description creator (warning → suspension → delisting) or viewer (chat mute → chat ban → account ban)
             * @enum {string}
             */
            ladder: "creator" | "viewer";
            /** @example gambling */
            category: string;
            /** @enum {string} */
            action: "warning" | "suspension" | "delisting" | "chat_mute" | "chat_ban" | "account_ban" | "stream_interruption";
            durationDays: number | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked" | "lifted" | "replaced";
            /** @description Which strike in the window (1 = first) */
            strikeNumber: number | null;
            /** @example gambling_promotion */
            reasonCode: string;
            account: components["schemas"]["SanctionAccountResponse"];
            /** @description The stream, post or account, with its external id */
            subject: components["schemas"]["SanctionSubjectResponse"] | null;
            flagId: string;
            /** Format: date-time */
            issuedAt: string;
            /** Format: date-time */
            endsAt: string | null;
            /** Format: date-time */
            endedAt: string | null;
            endReason: string | null;
            /** @description What to do to the content: cut the stream, take a post down (a creator's sanction only) */
            contentAction: components["schemas"]["ContentActionResponse"] | null;
            /** @description Tip income frozen until a time */
            monetaryAction: components["schemas"]["MonetaryActionResponse"] | null;
            automated: boolean;
            /** @description Staff ids of the reviewers who confirmed */
            decidedBy: string[];
            policyVersion: string;
            modelVersions: string[];
            /** @description The statement of reasons (EU DSA Art. 17): the decision, its ground, the facts and evidence, whether automated, how to appeal */
            statement: components["schemas"]["StatementOfReasonsResponse"];
        };
        SubmitAppealDto: {
            /** @description The account's own words */
            statement: string;
        };
        AppealResponse: {
            id: string;
            sanctionId: string;
            accountId: string;
            statement: string;
            /** @enum {string} */
            status: "pending" | "upheld" | "revoked";
            /** @description The staff id of the senior reviewer */
            decidedBy: string | null;
            decisionNote: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            decidedAt: string | null;
        };
        SetIdentityDto: {
            /** @description A hash of the person's real-name identity, as the platform computes it (hex or base64, 16-128 chars) */
            identityHash: string;
        };
        IdentityAccountResponse: {
            id: string;
            externalId: string;
        };
        BanEvasionFlagRefResponse: {
            id: string;
            /** @example ban_evasion */
            category: string;
        };
        IdentityResultResponse: {
            account: components["schemas"]["IdentityAccountResponse"];
            /** @description Raised when the identity is that of a delisted person */
            banEvasionFlag: components["schemas"]["BanEvasionFlagRefResponse"] | null;
        };
        ConsequencePreviewResponse: {
            /** @example suspension */
            action: string | null;
            durationDays: number | null;
            strikeNumber: number | null;
            windowDays: number | null;
            /** @enum {string|null} */
            ladder: "creator" | "viewer" | null;
            /** @description Accounts sanctioned (a cluster's senders each) */
            accounts: number;
            /** @description Cluster senders already sanctioned for these lines on another flag */
            alreadySanctioned: number;
            /**
             * @example {
             *       "chat_mute 1d": 28,
             *       "chat_ban 30d": 2
             *     }
             */
            byAction: {
                [key: string]: number;
            };
            secondReviewer: boolean;
            /** @enum {string|null} */
            contentAction: "cut_stream" | "take_down_post" | null;
            /** @description What the decision must send as `expect` to confirm with this reason; null when no echo is needed */
            expect: string | null;
        };
        QueueClaimResponse: {
            /** @description The reviewer's name */
            by: string;
            /** Format: date-time */
            expiresAt: string;
        };
        QueuedFlagResponse: {
            id: string;
            /** @enum {string} */
            category: "gambling" | "porn" | "tipping" | "ban_evasion";
            /** @enum {string} */
            status: "open" | "closed";
            /** @enum {string} */
            reviewState: "pending" | "escalated" | "awaiting_second" | "confirmed" | "rejected" | "merged";
            /**
             * @description creator (the streamer's or author's conduct), viewer (one viewer's chat), cluster (a flood of senders), room
             * @enum {string}
             */
            party: "creator" | "viewer" | "cluster" | "room";
            subject: components["schemas"]["SubjectRefResponse"];
            /** @description The flag that settled this one, when it shared evidence */
            linkedTo: string | null;
            account: components["schemas"]["AccountRefResponse"];
            confidence: number;
            evidenceCount: number;
            modelVersions: string[];
            policyVersion: string;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            decidedAt: string | null;
            /** @description Queue order: severity, confidence and audience, aged by the hours waited */
            priority: number;
            /** @description Viewers of the stream when the flag opened */
            audience: number;
            waitingSeconds: number;
            /** @description Who holds it now; null when free */
            claim: components["schemas"]["QueueClaimResponse"] | null;
        };
        ReviewQueueResponse: {
            /** @description Highest priority first */
            flags: components["schemas"]["QueuedFlagResponse"][];
        };
        ReviewReasonsResponse: {
            /**
             * @description Per category, its reason codes and their labels
             * @example {
             *       "gambling": {
             *         "gambling_promotion": {
             *           "label": "Promotes gambling"
             *         }
             *       }
             *     }
             */
            confirm: {
                [key: string]: {
                    [key: string]: {
                        label: string;
                        /** @description The least this reason brings, whatever the strike count */
                        atLeast?: {
                            action: string;
                            days?: number;
                        };
                    };
                };
            };
            /**
             * @example [
             *       "false_positive"
             *     ]
             */
            reject: string[];
            /**
             * @description Reason codes to escalate with
             * @example [
             *       "needs_senior_review"
             *     ]
             */
            escalate: string[];
            policyVersion: string;
        };
        ReviewEvidenceDetailResponse: {
            /**
             * @description The signal's scores: per class (frames), per category (text), per rule (tips)
             * @example {
             *       "porn": 0.91,
             *       "sexy": 0.05,
             *       "neutral": 0.04
             *     }
             */
            scores?: {
                [key: string]: number;
            };
            /** @description Frames and their on-screen text: the frame */
            frameId?: string;
            /** @description Frames: milliseconds into the source (a post video or a stream segment) */
            positionMs?: number;
            /** @description Frames: what OCR and the QR search read */
            overlay?: components["schemas"]["FrameOverlayResponse"];
            /** @description On-screen text: the regions read */
            regions?: components["schemas"]["OverlayRegionResponse"][];
            /** @description On-screen text: the QR codes found */
            qrCodes?: components["schemas"]["QrPayloadResponse"][];
            /**
             * @description Text lines: which batch the line came in
             * @enum {string}
             */
            kind?: "chat" | "transcript";
            /** @description Chat lines: the platform's id of the sender */
            senderId?: string;
            /**
             * Format: date-time
             * @description Text lines: when it was said
             */
            at?: string;
            /** @description Text lines: when it was said, epoch milliseconds */
            atMs?: number;
            /** @description Text: the line, post text or on-screen text scored */
            text?: string;
            /** @description Text: why each category scored */
            spans?: components["schemas"]["EvidenceTextSpanResponse"][];
            /** @description Text: contacts and links found in it */
            entities?: components["schemas"]["ContactEntityResponse"][];
            /** @description Bank matches: the entries matched */
            bank?: components["schemas"]["EvidenceBankMatchResponse"][];
            /** @description Tips: the tip */
            event?: components["schemas"]["EvidenceTipEventResponse"];
            /** @description Tips: the rules it broke */
            rules?: components["schemas"]["EvidenceTipRuleResponse"][];
            /**
             * @description Rule flags and bank matches: the rule (bank:<entry id>,… for bank matches)
             * @example room_flooded
             */
            rule?: string;
            /** @description Room floods: the cluster of senders */
            clusterId?: string;
            /**
             * @description Room floods: why the room answers for the flood
             * @enum {string}
             */
            because?: "streamer_took_part" | "left_unchecked";
            /** @description Room floods: how many accounts sent its lines */
            senders?: number;
            /** @description Ban evasion: the delisted account */
            delistedAccountId?: string;
            /** @description Ban evasion: the delisted account's external id */
            delistedAccountExternalId?: string | null;
            /** @description Ban evasion: the delisting */
            delistingSanctionId?: string;
            /** @description Ban evasion: this account's external id */
            accountExternalId?: string | null;
            /**
             * @description Frames and their on-screen text: the frame's JPEG (GET with the staff token)
             * @example /v1/review/frames/0192f0c4-0000-7000-8000-000000000000/image
             */
            imageUrl?: string;
        };
        ReviewEvidenceResponse: {
            source: components["schemas"]["EvidenceSourceResponse"];
            score: number;
            /** @description Time in the stream, when the subject is a stream */
            streamTimeMs: number | null;
            model: components["schemas"]["ModelRefResponse"];
            actor: components["schemas"]["EvidenceActorResponse"];
            /** @description What the model saw, with a frame's image at the review route */
            detail: components["schemas"]["ReviewEvidenceDetailResponse"];
            /** @description The frame image, for frame evidence (GET with the staff token) */
            imageUrl?: string;
            /**
             * Format: date-time
             * @description When retention deleted the frame image (its URL then answers 410 media_deleted_by_retention)
             */
            imageDeletedAt?: string | null;
        };
        FlagClaimResponse: {
            /** @description The reviewer's name */
            by: string;
            reviewerId: string;
            /** Format: date-time */
            expiresAt: string;
        };
        ReviewTipResponse: {
            id: string;
            /** @description The platform's id of the tipper */
            tipperId: string;
            /** @enum {string} */
            ageBand: "minor" | "adult" | "unknown";
            /**
             * @description A decimal string
             * @example 88.00
             */
            amount: string;
            /** @example CNY */
            currency: string;
            giftName: string | null;
            /** Format: date-time */
            at: string;
        };
        ReviewDecisionResponse: {
            id: string;
            /** @enum {string} */
            verdict: "confirm" | "reject" | "escalate";
            category: string;
            reasonCode: string;
            note: string;
            /** @description The reviewer's name */
            reviewer: string;
            /** @example reviewer */
            reviewerRole: string;
            policyVersion: string;
            /** Format: date-time */
            decidedAt: string;
        };
        LinkedFlagResponse: {
            id: string;
            party: string;
            subject: components["schemas"]["SubjectRefResponse"];
            category: string;
            /** @enum {string} */
            status: "open" | "closed";
            reviewState: string;
            linkedTo: string | null;
        };
        ClusterMemberResponse: {
            accountId: string;
            externalId: string | null;
            /** @description Lines of theirs among the evidence */
            lines: number;
        };
        ReviewFlagResponse: {
            id: string;
            /** @enum {string} */
            category: "gambling" | "porn" | "tipping" | "ban_evasion";
            /** @enum {string} */
            status: "open" | "closed";
            /** @enum {string} */
            reviewState: "pending" | "escalated" | "awaiting_second" | "confirmed" | "rejected" | "merged";
            /**
             * @description creator (the streamer's or author's conduct), viewer (one viewer's chat), cluster (a flood of senders), room
             * @enum {string}
             */
            party: "creator" | "viewer" | "cluster" | "room";
            subject: components["schemas"]["SubjectRefResponse"];
            /** @description The flag that settled this one, when it shared evidence */
            linkedTo: string | null;
            account: components["schemas"]["AccountRefResponse"];
            confidence: number;
            evidenceCount: number;
            modelVersions: string[];
            policyVersion: string;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            decidedAt: string | null;
            evidence: components["schemas"]["ReviewEvidenceResponse"][];
            waitingSeconds: number;
            claim: components["schemas"]["FlagClaimResponse"] | null;
            /** @description Tips in the stream around the flag (at most 500) */
            tips: components["schemas"]["ReviewTipResponse"][];
            decisions: components["schemas"]["ReviewDecisionResponse"][];
            /** @description The account's latest sanctions */
            accountHistory: components["schemas"]["SanctionResponse"][];
            /** @description Per reason code, what confirming would issue now (empty once the flag is closed) */
            consequences: {
                [key: string]: components["schemas"]["ConsequencePreviewResponse"];
            };
            /** @description Flags holding some of the same evidence: confirming this one resolves them as the same violation */
            linkedFlags: components["schemas"]["LinkedFlagResponse"][];
            /** @description A cluster flag's senders */
            members?: components["schemas"]["ClusterMemberResponse"][];
        };
        MaybeFlagResponse: {
            /** @description null when the queue is empty */
            flag: components["schemas"]["ReviewFlagResponse"] | null;
        };
        ClaimedFlagResponse: {
            flag: components["schemas"]["ReviewFlagResponse"];
        };
        DecisionDto: {
            /** @enum {string} */
            verdict: "confirm" | "reject" | "escalate";
            /**
             * @description Confirm as this category (defaults to the flag's)
             * @enum {string}
             */
            category?: "gambling" | "porn" | "tipping" | "ban_evasion";
            /**
             * @description Required. A reason code from GET /v1/review/reasons: confirm with one of the category's (`confirm`), reject with one of `reject`, escalate with one of `escalate` (config/policy.yaml); a missing one answers 400 reason_code_required, an unknown one 422 unknown_reason_code, each naming the valid codes
             * @example gambling_promotion
             */
            reasonCode: string;
            note?: string;
            /**
             * @description The sanction the consequence preview showed (`consequences[reasonCode].expect`): required for a delisting, a ban or 30 days or more; a mismatch answers 409 consequence_not_expected
             * @example delisting
             */
            expect?: string;
        };
        DecidedFlagResponse: {
            id: string;
            reviewState: string;
            /** @enum {string} */
            status: "open" | "closed";
        };
        DecisionOutcomeResponse: {
            flag: components["schemas"]["DecidedFlagResponse"];
            decisionId: string;
            /** @description The first of `sanctions`, or null */
            sanction: components["schemas"]["SanctionResponse"] | null;
            /** @description What the confirmation issued (a cluster's senders each) */
            sanctions: components["schemas"]["SanctionResponse"][];
        };
        AppealedSanctionResponse: {
            id: string;
            /**
             * @description interim: taken before review (a stream interrupted)
             * @enum {string}
             */
            kind: "sanction" | "interim";
            /**
             * @description creator (warning → suspension → delisting) or viewer (chat mute → chat ban → account ban)
             * @enum {string}
             */
            ladder: "creator" | "viewer";
            /** @example gambling */
            category: string;
            /** @enum {string} */
            action: "warning" | "suspension" | "delisting" | "chat_mute" | "chat_ban" | "account_ban" | "stream_interruption";
            durationDays: number | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked" | "lifted" | "replaced";
            /** @description Which strike in the window (1 = first) */
            strikeNumber: number | null;
            /** @example gambling_promotion */
            reasonCode: string;
            account: components["schemas"]["SanctionAccountResponse"];
            /** @description The stream, post or account, with its external id */
            subject: components["schemas"]["SanctionSubjectResponse"] | null;
            flagId: string;
            /** Format: date-time */
            issuedAt: string;
            /** Format: date-time */
            endsAt: string | null;
            /** Format: date-time */
            endedAt: string | null;
            endReason: string | null;
            /** @description What to do to the content: cut the stream, take a post down (a creator's sanction only) */
            contentAction: components["schemas"]["ContentActionResponse"] | null;
            /** @description Tip income frozen until a time */
            monetaryAction: components["schemas"]["MonetaryActionResponse"] | null;
            automated: boolean;
            /** @description Staff ids of the reviewers who confirmed */
            decidedBy: string[];
            policyVersion: string;
            modelVersions: string[];
            /** @description The statement of reasons (EU DSA Art. 17): the decision, its ground, the facts and evidence, whether automated, how to appeal */
            statement: components["schemas"]["StatementOfReasonsResponse"];
            decidedByNames: string[];
        };
        ReviewAppealResponse: {
            id: string;
            sanctionId: string;
            accountId: string;
            statement: string;
            /** @enum {string} */
            status: "pending" | "upheld" | "revoked";
            /** @description The staff id of the senior reviewer */
            decidedBy: string | null;
            decisionNote: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            decidedAt: string | null;
            decidedByName: string | null;
            sanction: components["schemas"]["AppealedSanctionResponse"] | null;
        };
        ReviewAppealListResponse: {
            appeals: components["schemas"]["ReviewAppealResponse"][];
        };
        AppealDecisionDto: {
            /** @enum {string} */
            outcome: "uphold" | "revoke";
            note: string;
        };
        BankEntryResponse: {
            id: string;
            platformId: string;
            /** @enum {string} */
            kind: "wechat" | "qq" | "telegram" | "phone" | "url" | "domain" | "qr";
            /** @description Canonical form (lower case, no spaces) */
            value: string;
            /** @enum {string} */
            category: "gambling" | "porn" | "tipping";
            reason: string;
            sourceFlagId: string | null;
            /** @description Staff id */
            addedBy: string;
            /** Format: date-time */
            addedAt: string;
            /** @description In force */
            active: boolean;
            removedBy: string | null;
            /** Format: date-time */
            removedAt: string | null;
            removalReason: string | null;
        };
        BankEntryListResponse: {
            entries: components["schemas"]["BankEntryResponse"][];
        };
        BankEntryDto: {
            platformId: string;
            /** @enum {string} */
            kind: "wechat" | "qq" | "telegram" | "phone" | "url" | "domain" | "qr";
            /** @example lucky_8888 */
            value: string;
            /** @enum {string} */
            category: "gambling" | "porn" | "tipping";
            /** @example Gambling recruiter contact, confirmed on a flood */
            reason: string;
            /** @description The flag it was found on */
            sourceFlagId?: string;
        };
        BankRemovalDto: {
            reason: string;
        };
        BankImportDto: {
            /** @description JSON lines: one {"platformId","kind","value","category","reason"} per line */
            lines: string;
        };
        BankImportResponse: {
            added: number;
            /** @description Lines whose value was in force already */
            alreadyBanked: number;
        };
        VerifyCheckpointsResponse: {
            checked: number;
            keyId: string;
        };
        WitnessLineResponse: {
            seq: number;
            hash: string;
            /** @description The time the line itself states (ISO 8601 when Qinglang wrote it) */
            at: string;
            keyId: string;
        };
        WitnessWebhookResponse: {
            url: string;
            /** @description The newest checkpoint the endpoint acknowledged */
            deliveredSeq: number;
            /** @description Failed POSTs in a row */
            failures: number;
            lastError: string | null;
            /** @description No POST before this (ms since the epoch) */
            nextAttemptAtMs: number;
        };
        WitnessResponse: {
            /**
             * @description The setting naming the witness (never its path)
             * @enum {string}
             */
            setting: "AUDIT_WITNESS_PATH";
            checked: number;
            ignored: number;
            newest: components["schemas"]["WitnessLineResponse"] | null;
            /** @description A witness inside DATA_DIR does not survive whoever holds DATA_DIR */
            insideDataDir: boolean;
            webhook: components["schemas"]["WitnessWebhookResponse"] | null;
        };
        AuditKeyResponse: {
            keyId: string;
            /** @enum {string} */
            setting: "AUDIT_KEY" | "AUDIT_KEY_PATH";
            insideDataDir: boolean;
        };
        WitnessingProblemResponse: {
            /** @enum {string} */
            kind: "witness_line_unsigned" | "witness_shrank" | "witness_lock_held";
            message: string;
            /**
             * Format: date-time
             * @description When this process stopped witnessing
             */
            since: string;
        };
        WitnessingResponse: {
            ok: boolean;
            problem: components["schemas"]["WitnessingProblemResponse"] | null;
        };
        ChainProblemResponse: {
            /** @description The first entry that does not match */
            seq: number;
            /** @enum {string} */
            problem: "missing" | "content_altered" | "link_broken" | "witness_mismatch" | "witness_signature_invalid";
            message: string;
        };
        AppendsResponse: {
            /** @description This process refuses appends (503 audit_log_refused) */
            refused: boolean;
            problem: components["schemas"]["ChainProblemResponse"] | null;
        };
        AuditVerificationResponse: {
            ok: boolean;
            entries: number;
            headHash: string;
            checkpoints: components["schemas"]["VerifyCheckpointsResponse"];
            witness: components["schemas"]["WitnessResponse"];
            key: components["schemas"]["AuditKeyResponse"];
            witnessing: components["schemas"]["WitnessingResponse"];
            appends: components["schemas"]["AppendsResponse"];
            firstProblem: components["schemas"]["ChainProblemResponse"] | null;
            message: string;
            seconds: number;
        };
        SignedCheckpointResponse: {
            seq: number;
            hash: string;
            /** @description Ed25519 over qinglang-audit-checkpoint:<seq>:<hash>, base64 */
            signature: string;
            keyId: string;
            /** Format: date-time */
            createdAt: string;
        };
        AuditCheckpointsResponse: {
            /** @description PEM (SPKI) */
            publicKey: string;
            keyId: string;
            message: string;
            checkpoints: components["schemas"]["SignedCheckpointResponse"][];
        };
        PlatformRefResponse: {
            id: string;
            name: string | null;
        };
        ComplianceSanctionResponse: {
            id: string;
            /**
             * @description interim: taken before review (a stream interrupted)
             * @enum {string}
             */
            kind: "sanction" | "interim";
            /**
             * @description creator (warning → suspension → delisting) or viewer (chat mute → chat ban → account ban)
             * @enum {string}
             */
            ladder: "creator" | "viewer";
            /** @example gambling */
            category: string;
            /** @enum {string} */
            action: "warning" | "suspension" | "delisting" | "chat_mute" | "chat_ban" | "account_ban" | "stream_interruption";
            durationDays: number | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked" | "lifted" | "replaced";
            /** @description Which strike in the window (1 = first) */
            strikeNumber: number | null;
            /** @example gambling_promotion */
            reasonCode: string;
            account: components["schemas"]["SanctionAccountResponse"];
            /** @description The stream, post or account, with its external id */
            subject: components["schemas"]["SanctionSubjectResponse"] | null;
            flagId: string;
            /** Format: date-time */
            issuedAt: string;
            /** Format: date-time */
            endsAt: string | null;
            /** Format: date-time */
            endedAt: string | null;
            endReason: string | null;
            /** @description What to do to the content: cut the stream, take a post down (a creator's sanction only) */
            contentAction: components["schemas"]["ContentActionResponse"] | null;
            /** @description Tip income frozen until a time */
            monetaryAction: components["schemas"]["MonetaryActionResponse"] | null;
            automated: boolean;
            /** @description Staff ids of the reviewers who confirmed */
            decidedBy: string[];
            policyVersion: string;
            modelVersions: string[];
            /** @description The statement of reasons (EU DSA Art. 17): the decision, its ground, the facts and evidence, whether automated, how to appeal */
            statement: components["schemas"]["StatementOfReasonsResponse"];
            platform: components["schemas"]["PlatformRefResponse"];
            /** @description The names of the reviewers in `decidedBy` */
            decidedByNames: string[];
        };
        ComplianceSanctionListResponse: {
            sanctions: components["schemas"]["ComplianceSanctionResponse"][];
            /** @description Pass as `before` for the next page; null on the last */
            next: string | null;
        };
        ComplianceFlagResponse: {
            id: string;
            /** @enum {string} */
            category: "gambling" | "porn" | "tipping" | "ban_evasion";
            /** @enum {string} */
            status: "open" | "closed";
            /** @enum {string} */
            reviewState: "pending" | "escalated" | "awaiting_second" | "confirmed" | "rejected" | "merged";
            /**
             * @description creator (the streamer's or author's conduct), viewer (one viewer's chat), cluster (a flood of senders), room
             * @enum {string}
             */
            party: "creator" | "viewer" | "cluster" | "room";
            subject: components["schemas"]["SubjectRefResponse"];
            /** @description The flag that settled this one, when it shared evidence */
            linkedTo: string | null;
            account: components["schemas"]["AccountRefResponse"];
            confidence: number;
            evidenceCount: number;
            modelVersions: string[];
            policyVersion: string;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            decidedAt: string | null;
            platform: components["schemas"]["PlatformRefResponse"];
        };
        ComplianceFlagListResponse: {
            flags: components["schemas"]["ComplianceFlagResponse"][];
            /** @description Pass as `before` for the next page; null on the last */
            next: string | null;
        };
        DecisionReviewerResponse: {
            id: string;
            name: string | null;
            /** @example reviewer */
            role: string;
        };
        ComplianceDecisionResponse: {
            id: string;
            flagId: string;
            accountId: string;
            /** @enum {string} */
            verdict: "confirm" | "reject" | "escalate";
            category: string;
            reasonCode: string;
            note: string;
            reviewer: components["schemas"]["DecisionReviewerResponse"];
            policyVersion: string;
            modelVersions: string[];
            /** Format: date-time */
            decidedAt: string;
            platform: components["schemas"]["PlatformRefResponse"];
        };
        ComplianceDecisionListResponse: {
            decisions: components["schemas"]["ComplianceDecisionResponse"][];
            /** @description Pass as `before` for the next page; null on the last */
            next: string | null;
        };
        HistoryAccountResponse: {
            /** @description Qinglang's id */
            id: string;
            /** @description The platform's own id */
            externalId: string;
            platform: components["schemas"]["PlatformRefResponse"];
            /** Format: date-time */
            createdAt: string;
        };
        DecisionRecordResponse: {
            id: string;
            flagId: string;
            accountId: string;
            /** @enum {string} */
            verdict: "confirm" | "reject" | "escalate";
            category: string;
            reasonCode: string;
            note: string;
            reviewer: components["schemas"]["DecisionReviewerResponse"];
            policyVersion: string;
            modelVersions: string[];
            /** Format: date-time */
            decidedAt: string;
        };
        AuditActorResponse: {
            /** @example staff */
            kind: string;
            id: string;
        };
        HistoryAuditEntryResponse: {
            seq: number;
            /** Format: date-time */
            recordedAt: string;
            /** @example sanction.issued */
            action: string;
            actor: components["schemas"]["AuditActorResponse"];
            subject: components["schemas"]["AuditActorResponse"];
            /**
             * @description What the entry records, as it was hashed: an object whose fields depend on the action (free-form, not a fixed shape; verify it with the entry's hash)
             * @example {
             *       "accountId": "0192f0c4-…",
             *       "action": "suspension",
             *       "category": "gambling"
             *     }
             */
            data: {
                [key: string]: unknown;
            };
            /** @description The chain hash of this entry */
            hash: string;
        };
        TimelineEventResponse: {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            kind: "flag" | "decision" | "sanction" | "appeal" | "audit";
            /** @description The id of the row (the seq of an audit entry) */
            id: string;
            /** @example flag opened: gambling (pending) */
            what: string;
        };
        AccountHistoryResponse: {
            account: components["schemas"]["HistoryAccountResponse"];
            /** @description Some kind had more rows than are shown (the newest are) */
            truncated: boolean;
            flags: components["schemas"]["FlagResponse"][];
            decisions: components["schemas"]["DecisionRecordResponse"][];
            sanctions: components["schemas"]["SanctionResponse"][];
            appeals: components["schemas"]["AppealResponse"][];
            auditEntries: components["schemas"]["HistoryAuditEntryResponse"][];
            /** @description All of the above in time order */
            timeline: components["schemas"]["TimelineEventResponse"][];
        };
        ComplianceDeliveryResponse: {
            /** @description The event id */
            id: string;
            /** @enum {string} */
            type: "sanction.issued" | "sanction.expired" | "sanction.revoked" | "sanction.lifted" | "sanction.replaced" | "sanction.appeal_upheld";
            sequence: number;
            sanctionId: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /**
             * Format: date-time
             * @description While pending
             */
            nextAttemptAt: string | null;
            lastError: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
            platform: components["schemas"]["PlatformRefResponse"];
        };
        ComplianceDeliveryListResponse: {
            deliveries: components["schemas"]["ComplianceDeliveryResponse"][];
        };
        ReportPeriodResponse: {
            /**
             * Format: date-time
             * @description Inclusive
             */
            from: string;
            /**
             * Format: date-time
             * @description Exclusive
             */
            to: string;
        };
        CategoryActionCountResponse: {
            category: string;
            action: string;
            count: number;
        };
        ReportSanctionsResponse: {
            total: number;
            automated: number;
            human: number;
            /** @description Revoked on appeal within the period */
            revokedInPeriod: number;
            byCategoryAndAction: components["schemas"]["CategoryActionCountResponse"][];
        };
        MedianDelayResponse: {
            /** @description null when nothing was timed */
            medianSeconds: number | null;
            /** @description How many were timed */
            count: number;
        };
        ReportTimingResponse: {
            flagToDecision: components["schemas"]["MedianDelayResponse"];
            flagToDecisionHuman: components["schemas"]["MedianDelayResponse"];
            flagToDecisionAutomated: components["schemas"]["MedianDelayResponse"];
            /** @description From the decision to the platform acknowledging it */
            decisionToDelivery: components["schemas"]["MedianDelayResponse"];
        };
        ReportAppealsResponse: {
            submitted: number;
            upheld: number;
            revoked: number;
            pending: number;
            /** @description Revoked over decided; null when none was decided */
            reversalRate: number | null;
        };
        ReportFlagsResponse: {
            opened: number;
            confirmed: number;
            rejected: number;
        };
        TransparencyReportResponse: {
            period: components["schemas"]["ReportPeriodResponse"];
            policyVersion: string;
            sanctions: components["schemas"]["ReportSanctionsResponse"];
            timing: components["schemas"]["ReportTimingResponse"];
            appeals: components["schemas"]["ReportAppealsResponse"];
            flags: components["schemas"]["ReportFlagsResponse"];
        };
        ErrorBody: {
            /** @description Stable and machine-readable: act on this */
            code: string;
            /** @description For people; may change between versions */
            message: string;
            /** @description Facts a program can act on (the validation messages, a quota and its limit) */
            details?: unknown;
            /** @description Also in the X-Request-Id header; quote it in reports */
            correlationId: string;
        };
    };
    responses: {
        /** @description `invalid_api_key`, `malformed_authorization`, `missing_api_key` */
        PlatformKeyRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example invalid_api_key
                     * @enum {string}
                     */
                    code?: "invalid_api_key" | "malformed_authorization" | "missing_api_key";
                };
            };
        };
        /** @description `staff_token_not_allowed` */
        StaffTokenNotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example staff_token_not_allowed
                     * @enum {string}
                     */
                    code?: "staff_token_not_allowed";
                };
            };
        };
        /** @description `rate_limited` */
        RateLimited: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example rate_limited
                     * @enum {string}
                     */
                    code?: "rate_limited";
                };
            };
        };
        /** @description `invalid_staff_token`, `missing_staff_token`, `staff_token_expired`, `staff_token_revoked` */
        StaffTokenRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example invalid_staff_token
                     * @enum {string}
                     */
                    code?: "invalid_staff_token" | "missing_staff_token" | "staff_token_expired" | "staff_token_revoked";
                };
            };
        };
        /** @description `platform_key_not_allowed`, `role_not_allowed` */
        RoleNotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example platform_key_not_allowed
                     * @enum {string}
                     */
                    code?: "platform_key_not_allowed" | "role_not_allowed";
                };
            };
        };
        /** @description `validation_failed` */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example validation_failed
                     * @enum {string}
                     */
                    code?: "validation_failed";
                };
            };
        };
        /** @description `bad_request`, `invalid_json`, `json_too_deep`, `number_out_of_range`, `validation_failed` */
        BodyRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example bad_request
                     * @enum {string}
                     */
                    code?: "bad_request" | "invalid_json" | "json_too_deep" | "number_out_of_range" | "validation_failed";
                };
            };
        };
        /** @description `payload_too_large` */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example payload_too_large
                     * @enum {string}
                     */
                    code?: "payload_too_large";
                };
            };
        };
        /** @description `unsupported_media_type` */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example unsupported_media_type
                     * @enum {string}
                     */
                    code?: "unsupported_media_type";
                };
            };
        };
        /** @description `internal_error`, `storage_misconfigured` */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example internal_error
                     * @enum {string}
                     */
                    code?: "internal_error" | "storage_misconfigured";
                };
            };
        };
        /** @description `starting`, `unavailable` */
        Unavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example starting
                     * @enum {string}
                     */
                    code?: "starting" | "unavailable";
                };
            };
        };
        /** @description `audit_log_refused`, `starting`, `unavailable` */
        UnavailableOrAuditRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    /**
                     * @example audit_log_refused
                     * @enum {string}
                     */
                    code?: "audit_log_refused" | "starting" | "unavailable";
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
            500: components["responses"]["InternalError"];
            /**
             * @description The Health Check is not successful
             *
             *     Starting, or a dependency down
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthUnavailableResponse"];
                };
            };
        };
    };
    StreamsController_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterStreamDto"];
            };
        };
        responses: {
            /** @description Known already (the same externalId): updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamResponse"];
                };
            };
            /** @description Registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamResponse"];
                };
            };
            /** @description `bad_request`, `invalid_json`, `invalid_source_url`, `json_too_deep`, `number_out_of_range`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bad_request
                         * @enum {string}
                         */
                        code?: "bad_request" | "invalid_json" | "invalid_source_url" | "json_too_deep" | "number_out_of_range" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_streamer_mismatch` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_streamer_mismatch
                         * @enum {string}
                         */
                        code?: "stream_streamer_mismatch";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `unsupported_source`, `url_not_allowed` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example unsupported_source
                         * @enum {string}
                         */
                        code?: "unsupported_source" | "url_not_allowed";
                    };
                };
            };
            /** @description `pull_quota_exceeded`, `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example pull_quota_exceeded
                         * @enum {string}
                         */
                        code?: "pull_quota_exceeded" | "rate_limited";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    StreamsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamResponse"];
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    StreamsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateStreamDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamResponse"];
                };
            };
            400: components["responses"]["BodyRefused"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    StreamsController_getByExternalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamResponse"];
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    StreamsController_setSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StreamSourceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamResponse"];
                };
            };
            /** @description `bad_request`, `invalid_json`, `invalid_source_url`, `json_too_deep`, `number_out_of_range`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bad_request
                         * @enum {string}
                         */
                        code?: "bad_request" | "invalid_json" | "invalid_source_url" | "json_too_deep" | "number_out_of_range" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            /** @description `stream_ended` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_ended
                         * @enum {string}
                         */
                        code?: "stream_ended";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `unsupported_source`, `url_not_allowed` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example unsupported_source
                         * @enum {string}
                         */
                        code?: "unsupported_source" | "url_not_allowed";
                    };
                };
            };
            /** @description `pull_quota_exceeded`, `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example pull_quota_exceeded
                         * @enum {string}
                         */
                        code?: "pull_quota_exceeded" | "rate_limited";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    StreamsController_removeSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamResponse"];
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    SegmentsController_create: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                streamId: string;
            };
            cookie?: never;
        };
        /** @description multipart/form-data with `file`, or JSON with `url` */
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["SegmentUploadBody"] | components["schemas"]["CreateSegmentDto"];
                "application/json": components["schemas"]["SegmentUploadBody"] | components["schemas"]["CreateSegmentDto"];
            };
        };
        responses: {
            /** @description Sent before with this Idempotency-Key: the same segment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentResponse"];
                };
            };
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentResponse"];
                };
            };
            /** @description `bad_request`, `empty_upload`, `file_and_url`, `invalid_idempotency_key`, `invalid_json`, `invalid_url`, `json_too_deep`, `media_required`, `number_out_of_range`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bad_request
                         * @enum {string}
                         */
                        code?: "bad_request" | "empty_upload" | "file_and_url" | "invalid_idempotency_key" | "invalid_json" | "invalid_url" | "json_too_deep" | "media_required" | "number_out_of_range" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `playlist_not_allowed` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example playlist_not_allowed
                         * @enum {string}
                         */
                        code?: "playlist_not_allowed";
                    };
                };
            };
            /** @description `quota_exceeded`, `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example quota_exceeded
                         * @enum {string}
                         */
                        code?: "quota_exceeded" | "rate_limited";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    SegmentsController_get: {
        parameters: {
            query?: {
                offset?: number;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `segment_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example segment_not_found
                         * @enum {string}
                         */
                        code?: "segment_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    PostsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description multipart/form-data with `images` and `video`, or JSON (text, `videoUrl`) */
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["PostUploadBody"] | components["schemas"]["CreatePostDto"];
                "application/json": components["schemas"]["PostUploadBody"] | components["schemas"]["CreatePostDto"];
            };
        };
        responses: {
            /** @description Sent before (the same externalId): the same post */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostResponse"];
                };
            };
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostResponse"];
                };
            };
            /** @description `bad_request`, `empty_upload`, `invalid_json`, `invalid_url`, `json_too_deep`, `number_out_of_range`, `validation_failed`, `video_and_video_url` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bad_request
                         * @enum {string}
                         */
                        code?: "bad_request" | "empty_upload" | "invalid_json" | "invalid_url" | "json_too_deep" | "number_out_of_range" | "validation_failed" | "video_and_video_url";
                    };
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `quota_exceeded`, `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example quota_exceeded
                         * @enum {string}
                         */
                        code?: "quota_exceeded" | "rate_limited";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    PostsController_get: {
        parameters: {
            query?: {
                offset?: number;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `post_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example post_not_found
                         * @enum {string}
                         */
                        code?: "post_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    PostsController_getByExternalId: {
        parameters: {
            query?: {
                offset?: number;
                limit?: number;
            };
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `post_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example post_not_found
                         * @enum {string}
                         */
                        code?: "post_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    BatchesController_chat: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                streamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LineBatchDto"];
            };
        };
        responses: {
            /** @description Sent before with this Idempotency-Key: the same batch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TextBatchResponse"];
                };
            };
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TextBatchResponse"];
                };
            };
            /** @description `bad_request`, `invalid_idempotency_key`, `invalid_json`, `json_too_deep`, `number_out_of_range`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bad_request
                         * @enum {string}
                         */
                        code?: "bad_request" | "invalid_idempotency_key" | "invalid_json" | "json_too_deep" | "number_out_of_range" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `quota_exceeded`, `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example quota_exceeded
                         * @enum {string}
                         */
                        code?: "quota_exceeded" | "rate_limited";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    BatchesController_transcript: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                streamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LineBatchDto"];
            };
        };
        responses: {
            /** @description Sent before with this Idempotency-Key: the same batch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TextBatchResponse"];
                };
            };
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TextBatchResponse"];
                };
            };
            /** @description `bad_request`, `invalid_idempotency_key`, `invalid_json`, `json_too_deep`, `number_out_of_range`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bad_request
                         * @enum {string}
                         */
                        code?: "bad_request" | "invalid_idempotency_key" | "invalid_json" | "json_too_deep" | "number_out_of_range" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `quota_exceeded`, `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example quota_exceeded
                         * @enum {string}
                         */
                        code?: "quota_exceeded" | "rate_limited";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    BatchesController_tips: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                streamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TipBatchDto"];
            };
        };
        responses: {
            /** @description Sent before with this Idempotency-Key: the same batch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TipBatchResponse"];
                };
            };
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TipBatchResponse"];
                };
            };
            /** @description `bad_request`, `invalid_idempotency_key`, `invalid_json`, `json_too_deep`, `number_out_of_range`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bad_request
                         * @enum {string}
                         */
                        code?: "bad_request" | "invalid_idempotency_key" | "invalid_json" | "json_too_deep" | "number_out_of_range" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `quota_exceeded`, `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example quota_exceeded
                         * @enum {string}
                         */
                        code?: "quota_exceeded" | "rate_limited";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    BatchesController_getText: {
        parameters: {
            query?: {
                offset?: number;
                limit?: number;
            };
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TextBatchResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `batch_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example batch_not_found
                         * @enum {string}
                         */
                        code?: "batch_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    BatchesController_getTips: {
        parameters: {
            query?: {
                offset?: number;
                limit?: number;
            };
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TipBatchResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `batch_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example batch_not_found
                         * @enum {string}
                         */
                        code?: "batch_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    FramesController_image: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `frame_not_found`, `frame_image_missing` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example frame_image_missing
                         * @enum {string}
                         */
                        code?: "frame_image_missing" | "frame_not_found";
                    };
                };
            };
            /** @description `media_deleted_by_retention` */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example media_deleted_by_retention
                         * @enum {string}
                         */
                        code?: "media_deleted_by_retention";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    StreamFramesController_list: {
        parameters: {
            query?: {
                /** @description Only frames after this stream time (ms): the cursor of the previous page */
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamFramesResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `stream_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example stream_not_found
                         * @enum {string}
                         */
                        code?: "stream_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ClassifyTextController_classify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClassifyTextDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClassifyTextResponse"];
                };
            };
            400: components["responses"]["BodyRefused"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    FlagsController_list: {
        parameters: {
            query?: {
                status?: "open" | "closed";
                category?: "gambling" | "porn" | "tipping" | "ban_evasion";
                subjectKind?: "stream" | "post" | "account" | "cluster";
                /** @description Qinglang's id of the subject (one you have not sent: 400 unknown_subject) */
                subjectId?: string;
                /** @description Your own id of the stream, post or account; needs subjectKind */
                subjectExternalId?: string;
                /** @description Your own id of an account: its flags, whether on its streams, its posts or its own conduct */
                accountExternalId?: string;
                /** @description The `next` of the previous page */
                before?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlagListResponse"];
                };
            };
            /** @description `subject_filter_ambiguous`, `subject_kind_required`, `unknown_account`, `unknown_subject`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example subject_filter_ambiguous
                         * @enum {string}
                         */
                        code?: "subject_filter_ambiguous" | "subject_kind_required" | "unknown_account" | "unknown_subject" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    FlagsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlagWithEvidenceResponse"];
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `flag_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example flag_not_found
                         * @enum {string}
                         */
                        code?: "flag_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    StaffController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffMeResponse"];
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    DeliveryController_getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `webhook_not_configured` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example webhook_not_configured
                         * @enum {string}
                         */
                        code?: "webhook_not_configured";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    DeliveryController_setWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetWebhookDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            /** @description `bad_request`, `invalid_json`, `invalid_webhook_url`, `json_too_deep`, `number_out_of_range`, `validation_failed`, `webhook_url_not_allowed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bad_request
                         * @enum {string}
                         */
                        code?: "bad_request" | "invalid_json" | "invalid_webhook_url" | "json_too_deep" | "number_out_of_range" | "validation_failed" | "webhook_url_not_allowed";
                    };
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    DeliveryController_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `webhook_not_configured` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example webhook_not_configured
                         * @enum {string}
                         */
                        code?: "webhook_not_configured";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    DeliveryController_feed: {
        parameters: {
            query?: {
                /** @description The `cursor` of the previous answer */
                since?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SanctionFeedResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    DeliveryController_deliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryListResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    DeliveryController_replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryResponse"];
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `delivery_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example delivery_not_found
                         * @enum {string}
                         */
                        code?: "delivery_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    SanctionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SanctionResponse"];
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `sanction_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example sanction_not_found
                         * @enum {string}
                         */
                        code?: "sanction_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    SanctionsController_appeal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitAppealDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppealResponse"];
                };
            };
            400: components["responses"]["BodyRefused"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `sanction_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example sanction_not_found
                         * @enum {string}
                         */
                        code?: "sanction_not_found";
                    };
                };
            };
            /** @description `not_appealable`, `appeal_window_closed`, `appeal_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example appeal_exists
                         * @enum {string}
                         */
                        code?: "appeal_exists" | "appeal_window_closed" | "not_appealable";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    SanctionsController_getAppeal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppealResponse"];
                };
            };
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            /** @description `appeal_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example appeal_not_found
                         * @enum {string}
                         */
                        code?: "appeal_not_found";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    SanctionsController_identity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetIdentityDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityResultResponse"];
                };
            };
            400: components["responses"]["BodyRefused"];
            401: components["responses"]["PlatformKeyRefused"];
            403: components["responses"]["StaffTokenNotAllowed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    ReviewController_queue: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewQueueResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ReviewController_reasons: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewReasonsResponse"];
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ReviewController_claimNext: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaybeFlagResponse"];
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    ReviewController_claim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimedFlagResponse"];
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            /** @description `platform_key_not_allowed`, `role_not_allowed`, `senior_review_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example platform_key_not_allowed
                         * @enum {string}
                         */
                        code?: "platform_key_not_allowed" | "role_not_allowed" | "senior_review_required";
                    };
                };
            };
            /** @description `flag_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example flag_not_found
                         * @enum {string}
                         */
                        code?: "flag_not_found";
                    };
                };
            };
            /** @description `flag_already_decided`, `flag_claimed`, `second_reviewer_required` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example flag_already_decided
                         * @enum {string}
                         */
                        code?: "flag_already_decided" | "flag_claimed" | "second_reviewer_required";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    ReviewController_release: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Released */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            /** @description `flag_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example flag_not_found
                         * @enum {string}
                         */
                        code?: "flag_not_found";
                    };
                };
            };
            /** @description `flag_not_claimed` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example flag_not_claimed
                         * @enum {string}
                         */
                        code?: "flag_not_claimed";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    ReviewController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewFlagResponse"];
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            /** @description `flag_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example flag_not_found
                         * @enum {string}
                         */
                        code?: "flag_not_found";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ReviewController_decide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionOutcomeResponse"];
                };
            };
            /** @description `bad_request`, `invalid_json`, `json_too_deep`, `number_out_of_range`, `reason_code_required`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bad_request
                         * @enum {string}
                         */
                        code?: "bad_request" | "invalid_json" | "json_too_deep" | "number_out_of_range" | "reason_code_required" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            /** @description `platform_key_not_allowed`, `role_not_allowed`, `senior_review_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example platform_key_not_allowed
                         * @enum {string}
                         */
                        code?: "platform_key_not_allowed" | "role_not_allowed" | "senior_review_required";
                    };
                };
            };
            /** @description `flag_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example flag_not_found
                         * @enum {string}
                         */
                        code?: "flag_not_found";
                    };
                };
            };
            /** @description `flag_already_decided`, `flag_not_claimed`, `consequence_not_expected`, `second_reviewer_required`, `already_sanctioned` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example already_sanctioned
                         * @enum {string}
                         */
                        code?: "already_sanctioned" | "consequence_not_expected" | "flag_already_decided" | "flag_not_claimed" | "second_reviewer_required";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `unknown_category`, `category_mismatch`, `reason_not_for_flag`, `unknown_reason_code`, `cannot_escalate` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example cannot_escalate
                         * @enum {string}
                         */
                        code?: "cannot_escalate" | "category_mismatch" | "reason_not_for_flag" | "unknown_category" | "unknown_reason_code";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    ReviewController_frame: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            /** @description `frame_not_found`, `frame_image_missing` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example frame_image_missing
                         * @enum {string}
                         */
                        code?: "frame_image_missing" | "frame_not_found";
                    };
                };
            };
            /** @description `media_deleted_by_retention` */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example media_deleted_by_retention
                         * @enum {string}
                         */
                        code?: "media_deleted_by_retention";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ReviewController_listAppeals: {
        parameters: {
            query?: {
                status?: "pending" | "upheld" | "revoked";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewAppealListResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ReviewController_decideAppeal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppealDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppealResponse"];
                };
            };
            400: components["responses"]["BodyRefused"];
            401: components["responses"]["StaffTokenRefused"];
            /** @description `conflict_of_interest`, `platform_key_not_allowed`, `role_not_allowed` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example conflict_of_interest
                         * @enum {string}
                         */
                        code?: "conflict_of_interest" | "platform_key_not_allowed" | "role_not_allowed";
                    };
                };
            };
            /** @description `appeal_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example appeal_not_found
                         * @enum {string}
                         */
                        code?: "appeal_not_found";
                    };
                };
            };
            /** @description `appeal_already_decided`, `not_appealable` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example appeal_already_decided
                         * @enum {string}
                         */
                        code?: "appeal_already_decided" | "not_appealable";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    EntityBankController_list: {
        parameters: {
            query?: {
                platformId?: string;
                /** @description Also the entries taken out of force */
                includeRemoved?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankEntryListResponse"];
                };
            };
            /** @description `unknown_platform`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example unknown_platform
                         * @enum {string}
                         */
                        code?: "unknown_platform" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    EntityBankController_add: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BankEntryDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankEntryResponse"];
                };
            };
            400: components["responses"]["BodyRefused"];
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            /** @description `already_banked` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example already_banked
                         * @enum {string}
                         */
                        code?: "already_banked";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `invalid_bank_entry`, `unknown_platform` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example invalid_bank_entry
                         * @enum {string}
                         */
                        code?: "invalid_bank_entry" | "unknown_platform";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    EntityBankController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BankRemovalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankEntryResponse"];
                };
            };
            400: components["responses"]["BodyRefused"];
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            /** @description `bank_entry_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bank_entry_not_found
                         * @enum {string}
                         */
                        code?: "bank_entry_not_found";
                    };
                };
            };
            /** @description `bank_entry_removed` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bank_entry_removed
                         * @enum {string}
                         */
                        code?: "bank_entry_removed";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    EntityBankController_export: {
        parameters: {
            query?: {
                platformId?: string;
                /** @description Also the entries taken out of force */
                includeRemoved?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One BankEntryResponse as JSON per line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description `unknown_platform`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example unknown_platform
                         * @enum {string}
                         */
                        code?: "unknown_platform" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    EntityBankController_importLines: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BankImportDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankImportResponse"];
                };
            };
            400: components["responses"]["BodyRefused"];
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            /** @description `bank_changed` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example bank_changed
                         * @enum {string}
                         */
                        code?: "bank_changed";
                    };
                };
            };
            /** @description `payload_too_large`, `too_many_lines` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example payload_too_large
                         * @enum {string}
                         */
                        code?: "payload_too_large" | "too_many_lines";
                    };
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `invalid_bank_entry`, `unknown_platform` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example invalid_bank_entry
                         * @enum {string}
                         */
                        code?: "invalid_bank_entry" | "unknown_platform";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    AuditController_verify: {
        parameters: {
            query?: {
                /** @description A checkpoint kept outside Qinglang: its seq… */
                checkpointSeq?: number;
                /** @description …and its hash (64 hex): the log must still hold it */
                checkpointHash?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerificationResponse"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    AuditController_checkpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditCheckpointsResponse"];
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ComplianceSanctionsController_list: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive */
                from?: string;
                /** @description ISO 8601, exclusive */
                to?: string;
                platformId?: string;
                /** @description Qinglang's id of the account (an unknown one is a 400 unknown_account) */
                accountId?: string;
                /** @description The platform's own id for the account; needs platformId */
                externalAccountId?: string;
                category?: "gambling" | "porn" | "tipping" | "ban_evasion";
                action?: "warning" | "suspension" | "delisting" | "chat_mute" | "chat_ban" | "account_ban" | "stream_interruption";
                status?: "active" | "expired" | "revoked" | "lifted" | "replaced";
                /** @description A staff id among those who decided */
                reviewerId?: string;
                automated?: "true" | "false";
                limit?: number;
                /** @description The `next` cursor of the previous page */
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComplianceSanctionListResponse"];
                };
            };
            /** @description `account_filter_ambiguous`, `account_not_on_platform`, `platform_required`, `unknown_account`, `unknown_platform`, `unknown_reviewer`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example account_filter_ambiguous
                         * @enum {string}
                         */
                        code?: "account_filter_ambiguous" | "account_not_on_platform" | "platform_required" | "unknown_account" | "unknown_platform" | "unknown_reviewer" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ComplianceRecordsController_flags: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive */
                from?: string;
                /** @description ISO 8601, exclusive */
                to?: string;
                limit?: number;
                /** @description The `next` cursor of the previous page */
                before?: string;
                platformId?: string;
                /** @description Qinglang's id of the account (an unknown one is a 400 unknown_account) */
                accountId?: string;
                /** @description The platform's own id for the account; needs platformId */
                externalAccountId?: string;
                category?: "gambling" | "porn" | "tipping" | "ban_evasion";
                status?: "open" | "closed";
                reviewState?: "pending" | "escalated" | "awaiting_second" | "confirmed" | "rejected";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComplianceFlagListResponse"];
                };
            };
            /** @description `account_filter_ambiguous`, `account_not_on_platform`, `platform_required`, `unknown_account`, `unknown_platform`, `unknown_reviewer`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example account_filter_ambiguous
                         * @enum {string}
                         */
                        code?: "account_filter_ambiguous" | "account_not_on_platform" | "platform_required" | "unknown_account" | "unknown_platform" | "unknown_reviewer" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ComplianceRecordsController_decisions: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive */
                from?: string;
                /** @description ISO 8601, exclusive */
                to?: string;
                limit?: number;
                /** @description The `next` cursor of the previous page */
                before?: string;
                platformId?: string;
                /** @description Qinglang's id of the account (an unknown one is a 400 unknown_account) */
                accountId?: string;
                /** @description The platform's own id for the account; needs platformId */
                externalAccountId?: string;
                category?: "gambling" | "porn" | "tipping" | "ban_evasion";
                verdict?: "confirm" | "reject" | "escalate";
                reviewerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComplianceDecisionListResponse"];
                };
            };
            /** @description `account_filter_ambiguous`, `account_not_on_platform`, `platform_required`, `unknown_account`, `unknown_platform`, `unknown_reviewer`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example account_filter_ambiguous
                         * @enum {string}
                         */
                        code?: "account_filter_ambiguous" | "account_not_on_platform" | "platform_required" | "unknown_account" | "unknown_platform" | "unknown_reviewer" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    AccountHistoryController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountHistoryResponse"];
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            /** @description `account_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example account_not_found
                         * @enum {string}
                         */
                        code?: "account_not_found";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    AccountHistoryController_byExternalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platformId: string;
                externalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountHistoryResponse"];
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            /** @description `platform_not_found`, `account_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example account_not_found
                         * @enum {string}
                         */
                        code?: "account_not_found" | "platform_not_found";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ComplianceDeliveriesController_list: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                platformId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComplianceDeliveryListResponse"];
                };
            };
            /** @description `unknown_platform`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example unknown_platform
                         * @enum {string}
                         */
                        code?: "unknown_platform" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    ComplianceDeliveriesController_replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryResponse"];
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            /** @description `delivery_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example delivery_not_found
                         * @enum {string}
                         */
                        code?: "delivery_not_found";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["UnavailableOrAuditRefused"];
        };
    };
    SanctionExportController_csv: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive */
                from?: string;
                /** @description ISO 8601, exclusive */
                to?: string;
                platformId?: string;
                /** @description Qinglang's id of the account (an unknown one is a 400 unknown_account) */
                accountId?: string;
                /** @description The platform's own id for the account; needs platformId */
                externalAccountId?: string;
                category?: "gambling" | "porn" | "tipping" | "ban_evasion";
                action?: "warning" | "suspension" | "delisting" | "chat_mute" | "chat_ban" | "account_ban" | "stream_interruption";
                status?: "active" | "expired" | "revoked" | "lifted" | "replaced";
                /** @description A staff id among those who decided */
                reviewerId?: string;
                automated?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A header line, then one sanction per line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description `account_filter_ambiguous`, `account_not_on_platform`, `platform_required`, `unknown_account`, `unknown_platform`, `unknown_reviewer`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example account_filter_ambiguous
                         * @enum {string}
                         */
                        code?: "account_filter_ambiguous" | "account_not_on_platform" | "platform_required" | "unknown_account" | "unknown_platform" | "unknown_reviewer" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    SanctionExportController_jsonl: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive */
                from?: string;
                /** @description ISO 8601, exclusive */
                to?: string;
                platformId?: string;
                /** @description Qinglang's id of the account (an unknown one is a 400 unknown_account) */
                accountId?: string;
                /** @description The platform's own id for the account; needs platformId */
                externalAccountId?: string;
                category?: "gambling" | "porn" | "tipping" | "ban_evasion";
                action?: "warning" | "suspension" | "delisting" | "chat_mute" | "chat_ban" | "account_ban" | "stream_interruption";
                status?: "active" | "expired" | "revoked" | "lifted" | "replaced";
                /** @description A staff id among those who decided */
                reviewerId?: string;
                automated?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One ComplianceSanctionResponse as JSON per line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description `account_filter_ambiguous`, `account_not_on_platform`, `platform_required`, `unknown_account`, `unknown_platform`, `unknown_reviewer`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] & {
                        /**
                         * @example account_filter_ambiguous
                         * @enum {string}
                         */
                        code?: "account_filter_ambiguous" | "account_not_on_platform" | "platform_required" | "unknown_account" | "unknown_platform" | "unknown_reviewer" | "validation_failed";
                    };
                };
            };
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    TransparencyReportController_get: {
        parameters: {
            query: {
                /** @description ISO 8601, inclusive */
                from: string;
                /** @description ISO 8601, exclusive */
                to: string;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON, or with `format=csv` one long table: metric, category, action, value */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransparencyReportResponse"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["StaffTokenRefused"];
            403: components["responses"]["RoleNotAllowed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
}
