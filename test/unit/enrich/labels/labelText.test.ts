import * as assert from 'node:assert/strict';
import type { AppLabel, IpLabel } from '../../../../src/core/enrich/enrichTypes';
import {
  appLabelDetail,
  appLabelText,
  ipLabelDetail,
  ipLabelSuffix,
  ipLabelText,
} from '../../../../src/core/enrich/labels/labelText';
import * as reportLabelText from '../../../../src/core/report/labelText';

const outlook: AppLabel = {
  appId: '27922004-5251-4030-b22d-91ecd9a37ea4',
  name: 'Outlook Mobile',
  publisher: 'microsoft',
  kind: 'mail-client',
  flagged: false,
};
const emClient: AppLabel = {
  appId: 'e9a7',
  name: 'eM Client',
  publisher: 'third-party',
  kind: 'abused',
  flagged: true,
};
const unknown: AppLabel = { appId: 'b4f2', publisher: 'unknown', flagged: true };

describe('label wording (one module for views and reports)', () => {
  it('apps: a short form for views, a detailed one for reports', () => {
    assert.equal(appLabelText(outlook), 'Outlook Mobile (Microsoft)');
    assert.equal(appLabelDetail(outlook), 'Outlook Mobile (Microsoft, mail client)');
    assert.equal(appLabelText(emClient), 'eM Client (third-party, abused)');
    assert.equal(appLabelDetail(emClient), 'eM Client (third-party, known to be abused, flagged)');
    assert.equal(appLabelText(unknown), 'unknown app b4f2 (flagged)');
    assert.equal(appLabelDetail(unknown), 'b4f2 (unknown app, flagged)');
    assert.equal(appLabelText(undefined), undefined);
  });

  it('IPs: the same facts in both forms', () => {
    const pub: IpLabel = {
      ip: '203.0.113.7',
      kind: 'public',
      asn: 64500,
      asOrganization: 'Example',
      country: 'US',
    };
    assert.equal(ipLabelSuffix(pub), 'US · AS64500 Example');
    assert.equal(ipLabelText(pub), '203.0.113.7 · US · AS64500 Example');
    assert.equal(ipLabelDetail(pub), 'AS64500 Example, US');
    const asOnly: IpLabel = { ip: '1.2.3.4', kind: 'public', asn: 64500 };
    assert.equal(ipLabelText(asOnly), '1.2.3.4 · AS64500');
    assert.equal(ipLabelDetail(asOnly), 'AS64500');
    const bare: IpLabel = { ip: '1.2.3.4', kind: 'public' };
    assert.equal(ipLabelText(bare), '1.2.3.4');
    assert.equal(ipLabelDetail(bare), 'public address');
    const service: IpLabel = { ip: '40.96.1.1', kind: 'microsoft-service', service: 'Exchange Online' };
    assert.equal(ipLabelText(service), '40.96.1.1 · Microsoft 365 (Exchange Online)');
    assert.equal(ipLabelDetail(service), 'Microsoft service: Exchange Online');
    const internal: IpLabel = {
      ip: '2603:10b6::1',
      kind: 'microsoft-internal',
      service: 'Microsoft internal',
    };
    assert.equal(ipLabelText(internal), '2603:10b6::1 · Microsoft internal');
    assert.equal(ipLabelDetail(internal), 'Microsoft internal');
  });

  it('an AS8075 address reads as a Microsoft network, never as a Microsoft 365 service range', () => {
    const azure: IpLabel = {
      ip: '20.33.0.1',
      kind: 'public',
      asn: 8075,
      asOrganization: 'Microsoft Corporation',
      country: 'US',
      owner: 'microsoft',
    };
    assert.equal(ipLabelText(azure), '20.33.0.1 · US · AS8075 Microsoft Corporation · Microsoft network');
    assert.equal(ipLabelDetail(azure), 'AS8075 Microsoft Corporation (Microsoft network), US');
    assert.doesNotMatch(ipLabelText(azure) ?? '', /Microsoft 365|service/);
    assert.doesNotMatch(ipLabelDetail(azure), /service/);
  });

  it('the report module words labels through this one (no second appLabelText/ipLabelText)', () => {
    const names = Object.keys(reportLabelText);
    assert.ok(!names.includes('appLabelText') && !names.includes('ipLabelText'), names.join(', '));
    const report = {
      labels: { ips: [{ ip: '203.0.113.7', kind: 'public', asn: 64500, country: 'US' }], apps: [outlook] },
    } as unknown as ConstructorParameters<typeof reportLabelText.ReportLabels>[0];
    const labels = new reportLabelText.ReportLabels(report);
    assert.equal(labels.ip('203.0.113.7'), '203.0.113.7 (AS64500, US)');
    assert.equal(labels.app(outlook.appId), appLabelDetail(outlook));
  });
});
